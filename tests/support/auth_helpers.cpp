#include "support/auth_helpers.hpp"

namespace cove::test {

http::ClientResponse sign_in(TestServer& server, const std::string& email, const std::string& password,
                             const nlohmann::json& extra) {
  nlohmann::json body = {{"email", email}, {"password", password}};
  body.update(extra);
  return server.client().post_json("/api/v1/auth/login", body);
}

std::string set_cookie_header(const http::ClientResponse& res) {
  return std::string(res.headers.get("Set-Cookie").value_or(""));
}

std::string refresh_cookie(const http::ClientResponse& res) {
  const auto header = set_cookie_header(res);
  const std::string prefix = "cove_refresh=";
  if (!header.starts_with(prefix)) return {};
  return header.substr(prefix.size(), header.find(';') - prefix.size());
}

http::Headers with_refresh_cookie(const std::string& token) {
  http::Headers h;
  h.set("Cookie", "theme=dark; cove_refresh=" + token);
  return h;
}

std::vector<AuditRow> audit_rows(TestServer& server, const std::string& action) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(
        "SELECT actor_id, action, target_type, target_id, after_json FROM audit_log WHERE action = ? ORDER "
        "BY id");
    st.bind(1, action);
    std::vector<AuditRow> rows;
    while (st.executeStep()) {
      const auto after = st.getColumn(4);
      rows.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                      st.getColumn(3).getString(),
                      after.isNull() ? nlohmann::json(nullptr) : nlohmann::json::parse(after.getString())});
    }
    return rows;
  });
}

std::string audit_dump(TestServer& server) {
  return server.app().db().read([&](core::Conn& c) {
    auto& st = c.prepare(
        "SELECT actor_id || actor_name || action || target_id || COALESCE(before_json, '') || "
        "COALESCE(after_json, '') || user_agent FROM audit_log");
    std::string out;
    while (st.executeStep()) out += st.getColumn(0).getString() + "\n";
    return out;
  });
}

ServerWithSettings::ServerWithSettings(const nlohmann::json& security, const core::Clock* clock)
    : dir_("cove-auth") {
  {
    TestServer first({.data_dir = dir_.path(), .clock = clock});
    first.app().db().write([&](core::Tx& tx) {
      auto& st = tx.prepare(
          "INSERT INTO settings(key, value, updated_ms, updated_by) VALUES('security', ?, 0, 'test')");
      st.bind(1, security.dump());
      st.exec();
    });
  }
  server_ = std::make_unique<TestServer>(TestServerOptions{.data_dir = dir_.path(), .clock = clock});
}

}  // namespace cove::test
