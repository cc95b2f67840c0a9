#include "support/scenario.hpp"

#include <algorithm>
#include <cstdint>

#include <catch2/catch.hpp>

namespace cove::test {

namespace {

struct Marks {
  std::int64_t outbox = 0;
  std::int64_t audit = 0;
};

Marks marks(TestServer& server) {
  return server.app().db().read([](core::Conn& c) {
    return Marks{c.query_int("SELECT COALESCE(MAX(id), 0) FROM outbox").value_or(0),
                 c.query_int("SELECT COALESCE(MAX(id), 0) FROM audit_log").value_or(0)};
  });
}

// Values of `column` in rows of `table` after `since` (and of this request, when `request_id` is
// given), sorted.
std::vector<std::string> written(TestServer& server, const char* table, const char* column,
                                 std::int64_t since, const std::string& request_id = "") {
  auto rows = server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(std::string("SELECT ") + column + " FROM " + table + " WHERE id > ?" +
                         (request_id.empty() ? "" : " AND request_id = ?") + " ORDER BY id");
    st.bind(1, since);
    if (!request_id.empty()) st.bind(2, request_id);
    std::vector<std::string> out;
    while (st.executeStep()) out.push_back(st.getColumn(0).getString());
    return out;
  });
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

void check_writes(const char* what, const std::vector<std::string>& actual,
                  const std::vector<std::string>& wanted, bool strict) {
  INFO(what << " written: " << Catch::Detail::stringify(actual));
  if (strict) {
    CHECK(actual == sorted(wanted));
  } else {
    // One sorted copy: begin() and end() of two temporaries would be two different ranges.
    const auto want = sorted(wanted);
    CHECK(std::includes(actual.begin(), actual.end(), want.begin(), want.end()));
  }
}

}  // namespace

http::ClientResponse run_scenario(TestServer& server, const Scenario& s) {
  auto client = server.client();
  INFO("scenario: " << s.name << " — " << http::method_name(s.method) << " " << s.url);
  const auto before = marks(server);
  auto res = client.request(s.method, s.url, s.headers, s.body);
  INFO("response " << res.status << ": " << res.body.substr(0, 2000));
  const auto request_id = std::string(res.headers.get("X-Request-Id").value_or(""));
  // The outbox has no request id: its rows are told apart by the window the request ran in.
  check_writes("events", written(server, "outbox", "topic", before.outbox), s.events, s.strict);
  check_writes("operation-log actions", written(server, "audit_log", "action", before.audit, request_id),
               s.audit, s.strict);
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
