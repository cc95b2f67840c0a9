#pragma once
// PocketBase-style API scenarios: a table of requests with the status, the substrings the response
// must and must not contain, and what the request wrote to the outbox and the operation log. Each
// row runs against the given server.
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
  // What the request wrote (PocketBase's ExpectedEvents): outbox topics and operation-log actions,
  // one entry per row written, in any order. Counted from the rows added while the request ran;
  // operation-log rows by the request's X-Request-Id, so an entry another thread wrote meanwhile
  // (the gray scheduler, a subscriber reacting to an event) is not the request's.
  std::vector<std::string> events;
  std::vector<std::string> audit;
  // Strict (the default): nothing else either — a row that lists no events and no actions asserts
  // that the request wrote none, as a refused or read-only request must. Not strict: at least these.
  bool strict = true;
  std::function<void(const http::ClientResponse&)> check;  // extra assertions, after the writes are counted
};

// Runs each scenario in a Catch2 SECTION named after it.
void run_scenarios(TestServer& server, const std::vector<Scenario>& scenarios);
// Runs one scenario (inside the caller's section) and returns the response.
http::ClientResponse run_scenario(TestServer& server, const Scenario& s);

}  // namespace cove::test
