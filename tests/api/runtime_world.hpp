#pragma once
// The runtime tests' cast: AppsWorld plus host apps written straight into the database (with the
// SDK secret sealed exactly as the apps module stores it), and a client that signs requests the
// way an SDK does (DESIGN.md §4.1).
#include <chrono>
#include <thread>

#include "apps_world.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/sealed_box.hpp"
#include "core/secrets.hpp"

namespace cove::test {

struct TestHost {
  std::string id;
  std::string sdk_key;
  std::string secret;
  std::string bundle_id;
};

struct SignOptions {
  std::string bundle_id;          // default: the host's
  std::int64_t skew_seconds = 0;  // added to the timestamp
  std::string nonce;              // default: fresh random
  std::string signed_target;      // default: the target sent
  std::string secret;             // default: the host's
  http::Headers extra;
};

struct RuntimeWorld : AppsWorld {
  using AppsWorld::AppsWorld;

  TestHost create_host(const std::string& org, const std::string& bundle = "com.acme.superapp") {
    TestHost h{core::new_id("hst"), core::new_id("sdk"), core::crypto::hex(core::crypto::random_bytes(32)),
               bundle};
    core::SecretStore secrets(server.data_dir() / "secrets");
    const core::SealedBox sealed(secrets.random_key("sdk-secret-seal.key"));
    const auto now = server.app().clock().unix_millis();
    server.app().db().write([&](core::Tx& tx) {
      auto& st = tx.prepare(
          "INSERT INTO host_apps(id, org_id, name, sdk_key, sdk_secret, secret_rotated_ms, created_ms, "
          "updated_ms) "
          "VALUES(?, ?, 'Super App', ?, ?, ?, ?, ?)");
      st.bind(1, h.id);
      st.bind(2, org);
      st.bind(3, h.sdk_key);
      st.bind(4, sealed.seal(h.secret));
      st.bind(5, now);
      st.bind(6, now);
      st.bind(7, now);
      st.exec();
      auto& b =
          tx.prepare("INSERT INTO host_app_bundles(host_app_id, platform, bundle_id) VALUES(?, 'ios', ?)");
      b.bind(1, h.id);
      b.bind(2, bundle);
      b.exec();
      server.app().events().emit(tx, "host_app.created", {{"hostAppId", h.id}});
    });
    return h;
  }

  void associate(const TestHost& h, const std::string& app_id,
                 const nlohmann::json& apis = nlohmann::json::array()) {
    const auto now = server.app().clock().unix_millis();
    server.app().db().write([&](core::Tx& tx) {
      auto& st = tx.prepare(
          "INSERT INTO host_app_apps(host_app_id, app_id, allowed_apis, created_by, created_ms, updated_ms) "
          "VALUES(?, ?, ?, 'test', ?, ?)");
      st.bind(1, h.id);
      st.bind(2, app_id);
      st.bind(3, apis.dump());
      st.bind(4, now);
      st.bind(5, now);
      st.exec();
      server.app().events().emit(tx, "association.changed", {{"hostAppId", h.id}, {"appId", app_id}});
    });
  }

  void set_host_status(const TestHost& h, const std::string& status) {
    server.app().db().write([&](core::Tx& tx) {
      auto& st = tx.prepare("UPDATE host_apps SET status = ? WHERE id = ?");
      st.bind(1, status);
      st.bind(2, h.id);
      st.exec();
      server.app().events().emit(tx, "host_app.updated", {{"hostAppId", h.id}});
    });
  }

  http::Headers sign(const std::string& method, const std::string& target, const TestHost& h,
                     const SignOptions& o = {}) {
    const auto ts = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count() +
        o.skew_seconds);
    const auto nonce = o.nonce.empty() ? core::crypto::hex(core::crypto::random_bytes(12)) : o.nonce;
    const auto payload =
        method + "\n" + (o.signed_target.empty() ? target : o.signed_target) + "\n" + ts + "\n" + nonce;
    http::Headers headers = o.extra;
    headers.set("X-Cove-Sdk-Key", h.sdk_key);
    headers.set("X-Cove-Bundle-Id", o.bundle_id.empty() ? h.bundle_id : o.bundle_id);
    headers.set("X-Cove-Timestamp", ts);
    headers.set("X-Cove-Nonce", nonce);
    headers.set("X-Cove-Signature", core::crypto::hex(core::crypto::hmac_sha256(
                                        o.secret.empty() ? h.secret : o.secret, payload)));
    return headers;
  }

  http::ClientResponse runtime_get(const std::string& target, const TestHost& h, const SignOptions& o = {}) {
    return server.client().request(http::Method::kGet, target, sign("GET", target, h, o));
  }

  // Waits until the runtime answers `target` with `status` (the catalog rebuilds after each
  // committed change); returns the last response. Bounded, but not a timing assertion.
  http::ClientResponse await_runtime(const std::string& target, const TestHost& h, int status,
                                     const std::string& needle = "") {
    http::ClientResponse r;
    for (int i = 0; i < 500; ++i) {
      r = runtime_get(target, h);
      if (r.status == status && (needle.empty() || r.body.find(needle) != std::string::npos)) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return r;
  }
};

}  // namespace cove::test
