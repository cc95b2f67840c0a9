#pragma once
// PocketBase-style API scenarios: a table of requests with the status and the substrings the
// response must and must not contain. Each row runs against the given server.
#include <functional>
#include <string>
#include <vector>

#include "http/client.hpp"
#include "support/test_server.hpp"

namespace cove::test {

struct Scenario {
  std::string name;
  http::Method method = http::Method::kGet;
  std::string url;
  http::Headers headers;
  std::string body;
  int expected_status = 200;
  std::vector<std::string> expected;      // substrings that must appear in the body
  std::vector<std::string> not_expected;  // substrings that must not appear
  std::function<void(const http::ClientResponse&)> check;  // extra assertions
};

// Runs each scenario in a Catch2 SECTION named after it.
void run_scenarios(TestServer& server, const std::vector<Scenario>& scenarios);
// Runs one scenario (inside the caller's section) and returns the response.
http::ClientResponse run_scenario(TestServer& server, const Scenario& s);

}  // namespace cove::test
