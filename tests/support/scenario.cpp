#include "support/scenario.hpp"

#include <catch2/catch.hpp>

namespace cove::test {

http::ClientResponse run_scenario(TestServer& server, const Scenario& s) {
  auto client = server.client();
  INFO("scenario: " << s.name << " — " << http::method_name(s.method) << " " << s.url);
  auto res = client.request(s.method, s.url, s.headers, s.body);
  INFO("response " << res.status << ": " << res.body.substr(0, 2000));
  CHECK(res.status == s.expected_status);
  for (const auto& e : s.expected) CHECK(res.body.find(e) != std::string::npos);
  for (const auto& e : s.not_expected) CHECK(res.body.find(e) == std::string::npos);
  if (s.check) s.check(res);
  return res;
}

void run_scenarios(TestServer& server, const std::vector<Scenario>& scenarios) {
  for (const auto& s : scenarios) {
    SECTION(s.name) { run_scenario(server, s); }
  }
}

}  // namespace cove::test
