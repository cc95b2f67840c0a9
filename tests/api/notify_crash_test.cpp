// The inbox survives a crash (issue 16): 10,000 events are committed to the outbox at once, the
// real binary is killed with SIGKILL while it is delivering them into users' inboxes, and started
// again on the same data directory. Every recipient then holds every item exactly once: the
// dispatcher delivers again from its last recorded position (at least once), and the inbox's
// unique (event, recipient) key turns a repeat into nothing.
#include <csignal>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "http/client.hpp"
#include "support/cove_binary.hpp"
#include "support/temp_dir.hpp"

using namespace cove;
using cove::http::Method;

namespace {

const std::map<std::string, std::string> kEnv = {{"COVE_ADMIN_EMAIL", "inbox-ops@example.com"},
                                                  {"COVE_ADMIN_PASSWORD", "Inbox-Crash-Passw0rd"},
                                                  {"COVE_LOG_ACCESSLOG", "false"}};
constexpr int kEvents = 10000;
constexpr int kUsers = 10;  // 1,000 items each: within an inbox's 2,000

nlohmann::json call(http::Client& c, Method m, const std::string& path, const std::string& token,
                    const nlohmann::json& body = nullptr) {
  http::Headers h;
  if (!token.empty()) h.set("Authorization", "Bearer " + token);
  if (!body.is_null()) h.set("Content-Type", "application/json");
  auto r = c.request(m, path, h, body.is_null() ? "" : body.dump());
  INFO(path << " → " << r.status << " " << r.body);
  REQUIRE(r.status < 300);
  return r.body.empty() ? nlohmann::json() : r.json();
}

std::int64_t delivered(const std::filesystem::path& db, std::int64_t first_event) {
  SQLite::Database conn(db.string(), SQLite::OPEN_READONLY);
  conn.setBusyTimeout(5000);
  SQLite::Statement st(conn, "SELECT count(*) FROM notifications WHERE event_id >= ?");
  st.bind(1, first_event);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

}  // namespace

TEST_CASE("a kill -9 during a burst of 10,000 events leaves every inbox with every item once",
          "[api][notify][crash]") {
  test::TempDir data("cove-inbox-crash");
  const auto db = data.path() / "cove.db";
  std::vector<std::string> users;
  std::int64_t first_event = 0;
  {
    test::CoveServer server(data.path(), kEnv);
    auto c = http::Client::from_url(server.url());
    const auto admin = call(c, Method::kPost, "/api/v1/auth/login", "",
                            {{"email", "inbox-ops@example.com"}, {"password", "Inbox-Crash-Passw0rd"}})["accessToken"]
                           .get<std::string>();
    users.push_back(call(c, Method::kGet, "/api/v1/me", admin)["user"]["id"].get<std::string>());
    for (int i = 1; i < kUsers; ++i) {
      users.push_back(call(c, Method::kPost, "/api/v1/platform/operators", admin,
                           {{"email", fmt::format("op{}@inbox.example", i)},
                            {"name", fmt::format("Operator {}", i)},
                            {"role", "platform_reviewer"},
                            {"password", "Reviewer-Passw0rd-1"}})["user"]["id"]
                          .get<std::string>());
    }
    // The burst: committed in one transaction, as another process would (the dispatcher polls
    // the outbox for other processes' events), each telling one user their role changed.
    {
      SQLite::Database conn(db.string(), SQLite::OPEN_READWRITE);
      conn.setBusyTimeout(10000);
      SQLite::Transaction tx(conn);
      SQLite::Statement insert(conn, "INSERT INTO outbox(topic, payload, created_ms) VALUES('member.role_changed', ?, 0)");
      for (int i = 0; i < kEvents; ++i) {
        insert.bind(1, nlohmann::json({{"orgId", ""}, {"userId", users[i % kUsers]}, {"role", "viewer"}}).dump());
        insert.exec();
        insert.reset();
        if (i == 0) first_event = conn.getLastInsertRowid();
      }
      tx.commit();
    }
    // Some delivered, most not yet: die now, without a chance to finish anything.
    for (int i = 0; i < 3000 && delivered(db, first_event) < 200; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server.process().signal(SIGKILL);
    server.process().wait(std::chrono::seconds(10));
  }
  const auto before_restart = delivered(db, first_event);
  INFO("delivered before the kill: " << before_restart);
  CHECK(before_restart > 0);
  CHECK(before_restart < kEvents);

  test::CoveServer again(data.path(), kEnv);
  for (int i = 0; i < 1200 && delivered(db, first_event) < kEvents; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  SQLite::Database conn(db.string(), SQLite::OPEN_READONLY);
  conn.setBusyTimeout(5000);
  const auto scalar = [&](const std::string& sql) { return conn.execAndGet(sql).getInt64(); };
  const auto where = fmt::format(" FROM notifications WHERE event_id >= {}", first_event);
  CHECK(scalar("SELECT count(*)" + where) == kEvents);
  CHECK(scalar("SELECT count(DISTINCT event_id)" + where) == kEvents);
  // Each recipient got exactly their events, each once.
  for (const auto& user : users) {
    INFO(user);
    CHECK(scalar(fmt::format("SELECT count(*){} AND user_id = '{}'", where, user)) == kEvents / kUsers);
    CHECK(scalar(fmt::format("SELECT count(*) FROM outbox o WHERE o.id >= {} AND o.topic = 'member.role_changed' AND "
                             "json_extract(o.payload, '$.userId') = '{}' AND NOT EXISTS (SELECT 1 FROM notifications n "
                             "WHERE n.event_id = o.id AND n.user_id = '{}')",
                             first_event, user, user)) == 0);
  }
}
