#include "modules/domains/verification_service.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "modules/domains/domains_api.hpp"

namespace cove::domains {

nlohmann::json verification_json(const std::string& host, const std::optional<Verification>& v) {
  const auto time = [](std::int64_t ms) {
    return ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(core::format_rfc3339_millis(ms));
  };
  if (!v) {
    return {{"host", host}, {"status", "unverified"}, {"checkedAt", nullptr}, {"verifiedAt", nullptr},
            {"failure", nullptr}};
  }
  return {{"host", host},
          {"status", v->status},
          {"checkedAt", time(v->checked_ms)},
          {"verifiedAt", time(v->verified_ms)},
          {"failure", v->failure.empty() ? nlohmann::json(nullptr) : nlohmann::json(v->failure)}};
}

VerificationFile VerificationService::file_for(const std::string& org_id) const {
  // Derived, not stored: stable for the organisation, unguessable without the server's secret.
  const auto name = core::crypto::hex(core::crypto::hmac_sha256(secret_, "file:" + org_id)).substr(0, 20);
  const auto content = core::crypto::hex(core::crypto::hmac_sha256(secret_, "content:" + org_id));
  return {fmt::format("cove-verify-{}.txt", name), content};
}

Verification VerificationService::check(const std::string& org_id, const std::string& host) const {
  const auto file = file_for(org_id);
  const auto r = fetcher_.get(fmt::format("https://{}/{}", host, file.file_name), options_.fetch);
  Verification v{.org_id = org_id, .host = host, .status = "failed", .checked_ms = clock_.unix_millis()};
  if (!r.ok) {
    v.failure = fmt::format("{}: {}", r.error, r.message);
  } else if (r.status != 200) {
    v.failure = fmt::format("status: the file answered HTTP {}", r.status);
  } else {
    // Exactly the content; a trailing newline (editors add one) is the only tolerance.
    auto body = std::string_view(r.body);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    if (body == file.content) {
      v.status = "verified";
      v.verified_ms = v.checked_ms;
    } else {
      v.failure = "content: the file does not hold the expected content";
    }
  }
  return v;
}

void VerificationService::record(const core::Actor& actor, const Verification& v,
                                 const std::optional<Verification>& before) {
  db_.write([&](core::Tx& tx) {
    verification_repo::upsert(tx, v);
    const core::AuditEntry entry{.org_id = v.org_id,
                                 .target_type = "webview_domain",
                                 .target_id = v.host,
                                 .before = before ? nlohmann::json(before->status) : nlohmann::json(nullptr),
                                 .after = {{"status", v.status}, {"failure", v.failure}}};
    if (v.status == "verified") {
      changes_.record(tx, actor, events::WebviewDomainVerified{v.org_id, v.host, ""}, entry);
    } else {
      changes_.record(tx, actor, events::WebviewDomainVerificationFailed{v.org_id, v.host, v.failure}, entry);
    }
  });
}

Verification VerificationService::verify(const core::Actor& actor, const std::string& org_id,
                                         const std::string& app_id, const std::string& host) {
  const auto before = db_.read([&](core::Conn& c) {
    if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
    if (!c.query_one<int>("SELECT 1 FROM app_domains WHERE app_id = ? AND org_id = ? AND kind = 'webview' "
                          "AND host = ?",
                          app_id, org_id, host)) {
      throw core::Error::not_found("domains.webview_not_declared",
                                   "The mini-program does not declare this business domain");
    }
    return verification_repo::find(c, org_id, host);
  });
  // The fetch runs outside any transaction: it may take seconds.
  const auto v = check(org_id, host);
  record(actor, v, before);
  return v;
}

int VerificationService::recheck_due(int limit) {
  const auto now = clock_.unix_millis();
  const auto due = db_.read([&](core::Conn& c) { return verification_repo::due(c, now - options_.recheck_ms, limit); });
  const auto actor = core::Actor::system("domains.verify_recheck");
  for (const auto& old : due) {
    const bool declared =
        db_.read([&](core::Conn& c) { return verification_repo::declared_in_org(c, old.org_id, old.host); });
    auto v = declared ? check(old.org_id, old.host) : old;
    if (!declared) {
      v.checked_ms = now;  // no longer declared: keep the result, check it again if it returns
      db_.write([&](core::Tx& tx) { verification_repo::upsert(tx, v); });
    } else if (v.status == "verified") {
      db_.write([&](core::Tx& tx) { verification_repo::upsert(tx, v); });  // routine: no entry
    } else {
      v.verified_ms = old.verified_ms;
      core::log::warn("business domain failed its re-check", {{"orgId", v.org_id}, {"host", v.host}});
      record(actor, v, old);
    }
  }
  return static_cast<int>(due.size());
}

bool VerificationService::verified(core::Conn& c, const std::string& org_id, const std::string& host) const {
  const auto v = verification_repo::find(c, org_id, host);
  return v && v->status == "verified";
}

nlohmann::json VerificationService::statuses(const std::string& org_id, const std::vector<std::string>& webview) const {
  return db_.read([&](core::Conn& c) {
    auto out = nlohmann::json::array();
    for (const auto& entry : webview) {
      const auto host = host_of(entry);
      out.push_back(verification_json(host, verification_repo::find(c, org_id, host)));
    }
    return out;
  });
}

std::vector<Verification> VerificationService::in_org(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) { return verification_repo::in_org(c, org_id); });
}

}  // namespace cove::domains
