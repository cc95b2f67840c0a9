#include "modules/accounts/org_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/media_type.hpp"
#include "core/password.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

using errors::org_not_found;

// Registration answers these before hashing (cheap refusal) and again inside the transaction
// (the answer may have changed in between).
void ensure_registrable(core::Conn& c, const OrgRegistration& r) {
  if (user_repo::find_by_email(c, r.owner_email)) {
    throw core::Error::conflict(
        "orgs.owner_exists",
        "An account with this email already exists; ask an organisation owner to invite it");
  }
  if (org_repo::license_in_use(c, r.license_no)) {
    throw core::Error::conflict("orgs.license_exists",
                                "An organisation with this licence number is already registered");
  }
}

// Records a decision as its event (events::OrgApproved…), whose topic is also the
// operation-log action.
using RecordDecision = void (*)(core::ChangeLog&, core::Tx&, const core::Actor&, const Org&, core::AuditEntry);

template <class Event>
void record_decision(core::ChangeLog& changes, core::Tx& tx, const core::Actor& actor, const Org& decided,
                     core::AuditEntry entry) {
  changes.record(tx, actor, Event{decided.id, decided.status, decided.status_reason}, std::move(entry));
}

struct Transition {
  const char* from;
  const char* to;
  RecordDecision record;
};

Transition transition_of(OrgDecision d) {
  switch (d) {
    case OrgDecision::kApprove: return {"pending", "active", &record_decision<events::OrgApproved>};
    case OrgDecision::kReject: return {"pending", "rejected", &record_decision<events::OrgRejected>};
    case OrgDecision::kSuspend: return {"active", "suspended", &record_decision<events::OrgSuspended>};
    case OrgDecision::kReactivate: return {"suspended", "active", &record_decision<events::OrgReactivated>};
  }
  throw std::logic_error("unknown organisation decision");
}

nlohmann::json profile_summary(const Org& o) {
  return {{"name", o.name},
          {"contactName", o.contact_name},
          {"contactEmail", o.contact_email},
          {"contactPhone", o.contact_phone},
          {"require2fa", o.require_2fa}};
}

// The operation-log entry of a change to the organisation itself.
core::AuditEntry org_entry(const std::string& org_id, nlohmann::json before, nlohmann::json after) {
  return {.org_id = org_id,
          .target_type = "org",
          .target_id = org_id,
          .before = std::move(before),
          .after = std::move(after)};
}

}  // namespace

Org OrgService::register_org(const core::Actor& actor, const OrgRegistration& r) {
  const auto security = settings_.security();
  db_.read([&](core::Conn& c) {
    require_new_password(c, *security, r.owner_password, "owner.password");
    ensure_registrable(c, r);
  });
  const auto hash = core::password::hash(r.owner_password, password_cost_);
  const auto now = clock_.unix_millis();

  Org org;
  org.id = core::new_id("org");
  org.name = r.name;
  org.license_no = r.license_no;
  org.contact_name = r.contact_name;
  org.contact_email = r.contact_email;
  org.contact_phone = r.contact_phone;
  org.created_ms = org.updated_ms = now;
  const auto owner = new_account(r.owner_email, r.owner_name, hash, now);

  db_.write([&](core::Tx& tx) {
    ensure_registrable(tx, r);
    org_repo::insert(tx, org);
    user_repo::insert(tx, owner);
    member_repo::insert(tx, org.id, owner.id, "owner", now);
    auto after = profile_summary(org);
    after["licenseNo"] = org.license_no;
    after["ownerId"] = owner.id;
    after["ownerEmail"] = owner.email;
    changes_.record(tx, actor, events::OrgRegistered{org.id, org.name, owner.id}, org_entry(org.id, nullptr, after));
  });
  return org;
}

Org OrgService::get(const std::string& org_id) const {
  auto org = db_.read([&](core::Conn& c) { return org_repo::find(c, org_id); });
  if (!org) throw org_not_found();
  return *org;
}

OrgDetails OrgService::details(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) {
    auto org = org_repo::find(c, org_id);
    if (!org) throw org_not_found();
    return OrgDetails{*org, quotas_.for_org(c, org_id), quotas_.usage(c, org_id), member_repo::count(c, org_id)};
  });
}

Org OrgService::update(const core::Actor& actor, const std::string& org_id, const OrgPatch& patch) {
  return db_.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    const Org stored = *org;
    if (patch.name) org->name = *patch.name;
    if (patch.contact_name) org->contact_name = *patch.contact_name;
    if (patch.contact_email) org->contact_email = *patch.contact_email;
    if (patch.contact_phone) org->contact_phone = *patch.contact_phone;
    if (patch.require_2fa) {
      if (!*patch.require_2fa && !org->require_2fa_imposed_by.empty()) {
        throw core::Error::conflict("orgs.2fa_imposed",
                                    "A platform operator requires two-factor authentication for this "
                                    "organisation; only an operator can lift it");
      }
      org->require_2fa = *patch.require_2fa;
    }
    if (*org == stored) return stored;  // the whole row: nothing changed, nothing to record
    org->updated_ms = clock_.unix_millis();
    org_repo::update_profile(tx, *org);
    changes_.record(tx, actor, events::OrgUpdated{org_id},
                    org_entry(org_id, profile_summary(stored), profile_summary(*org)));
    return *org_repo::find(tx, org_id);  // answer with what was stored
  });
}

Org OrgService::set_imposed_2fa(const core::Actor& actor, const std::string& org_id, bool required) {
  return db_.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    const bool imposed = !org->require_2fa_imposed_by.empty();
    if (imposed == required) return *org;  // already so: the first operator's record stands
    const auto now = clock_.unix_millis();
    org->require_2fa_imposed_by = required ? actor.principal->id : "";
    org->require_2fa_imposed_ms = required ? now : 0;
    org->updated_ms = now;
    org_repo::set_imposed_2fa(tx, org_id, org->require_2fa_imposed_by, now);
    auto entry = org_entry(org_id, {{"require2faImposed", imposed}},
                           {{"require2faImposed", required}, {"orgRequire2fa", org->require_2fa}});
    entry.action = "org.security_updated";
    changes_.record(tx, actor, events::OrgUpdated{org_id}, std::move(entry));
    return *org;
  });
}

Org OrgService::decide(const core::Actor& actor, const std::string& org_id, OrgDecision decision,
                       const std::string& reason) {
  const auto t = transition_of(decision);
  return db_.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    if (org->status != t.from) {
      throw core::Error(409, "orgs.invalid_transition",
                        fmt::format("The organisation is {}; this decision applies to {} organisations",
                                    org->status, t.from),
                        {{"status", org->status}, {"requiredStatus", t.from}});
    }
    const auto now = clock_.unix_millis();
    nlohmann::json before = {{"status", org->status}, {"reason", org->status_reason}};
    org_repo::set_status(tx, org_id, t.to, reason, actor.principal->id, now);
    org->status = t.to;
    org->status_reason = reason;
    org->reviewed_by = actor.principal->id;
    org->reviewed_ms = org->updated_ms = now;
    t.record(changes_, tx, actor, *org,
             org_entry(org_id, std::move(before), {{"status", t.to}, {"reason", reason}}));
    return *org;
  });
}

Org OrgService::resubmit(const core::Actor& actor, const std::string& org_id, const OrgResubmission& r) {
  return db_.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    if (org->status != "rejected") {
      throw core::Error(409, "orgs.invalid_transition",
                        fmt::format("The organisation is {}; only a rejected organisation resubmits", org->status),
                        {{"status", org->status}, {"requiredStatus", "rejected"}});
    }
    const Org stored = *org;
    if (r.profile.name) org->name = *r.profile.name;
    if (r.profile.contact_name) org->contact_name = *r.profile.contact_name;
    if (r.profile.contact_email) org->contact_email = *r.profile.contact_email;
    if (r.profile.contact_phone) org->contact_phone = *r.profile.contact_phone;
    if (r.license_no) org->license_no = *r.license_no;
    // Rejected organisations do not hold their licence number: another may have registered it since.
    if (org_repo::license_in_use(tx, org->license_no, org_id)) {
      throw core::Error::conflict("orgs.license_exists",
                                  "An organisation with this licence number is already registered");
    }
    const auto now = clock_.unix_millis();
    org->status = "pending";
    org->status_reason.clear();
    org->updated_ms = now;
    org_repo::resubmit(tx, *org);
    auto before = profile_summary(stored);
    before["status"] = stored.status;
    before["reason"] = stored.status_reason;
    before["licenseNo"] = stored.license_no;
    auto after = profile_summary(*org);
    after["status"] = org->status;
    after["licenseNo"] = org->license_no;
    changes_.record(tx, actor, events::OrgResubmitted{org_id, org->status, ""},
                    org_entry(org_id, std::move(before), std::move(after)));
    return *org_repo::find(tx, org_id);
  });
}

core::Page<Org> OrgService::list(const org_repo::OrgFilter& filter, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return org_repo::list(c, filter, page); });
}

Org OrgService::set_license_attachment(const core::Actor& actor, const std::string& org_id,
                                       const std::filesystem::path& file, const std::string& sha256,
                                       std::uint64_t size, const std::string& file_name) {
  if (size == 0) throw core::Error::bad_request("empty_body", "Send the licence scan as the request body");
  const auto type = core::sniff_media_type(core::read_head(file, 16));
  if (type != core::kPng && type != core::kJpeg && type != core::kPdf) {
    throw core::Error(415, "unsupported_media_type", "The licence scan must be a PNG or JPEG image or a PDF file");
  }
  get(org_id);  // 404 before storing anything
  const auto blob = blobs_.adopt(file, sha256);
  const auto extension = type == core::kPdf ? ".pdf" : type == core::kPng ? ".png" : ".jpg";
  const Attachment attachment{blob.sha256, file_name.empty() ? fmt::format("license{}", extension) : file_name,
                              type};
  return db_.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    const auto now = clock_.unix_millis();
    org_repo::set_attachment(tx, org_id, attachment, now);
    nlohmann::json before = nullptr;
    if (org->attachment) before = {{"name", org->attachment->name}, {"sha256", org->attachment->sha256}};
    auto entry = org_entry(
        org_id, before,
        {{"name", attachment.name}, {"contentType", type}, {"sha256", blob.sha256}, {"size", blob.size}});
    entry.action = "org.license_attachment_set";
    changes_.record(tx, actor, entry);
    org->attachment = attachment;
    org->updated_ms = now;
    return *org;
  });
}

StoredAttachment OrgService::license_attachment(const std::string& org_id) const {
  const auto org = get(org_id);
  const auto path = org.attachment ? blobs_.path_of(org.attachment->sha256) : std::nullopt;
  const auto size = org.attachment ? blobs_.size(org.attachment->sha256) : std::nullopt;
  if (!path || !size) throw core::Error::not_found("orgs.no_attachment", "No licence scan has been uploaded");
  return {*org.attachment, *path, *size};
}

QuotaOverrides OrgService::quota_overrides(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) {
    if (!org_repo::exists(c, org_id)) throw org_not_found();
    return quotas_.overrides(c, org_id);
  });
}

QuotaOverrides OrgService::set_quota_overrides(const core::Actor& actor, const std::string& org_id,
                                               const QuotaOverrides& q) {
  return db_.write([&](core::Tx& tx) {
    if (!org_repo::exists(tx, org_id)) throw org_not_found();
    const auto before = to_json(quotas_.overrides(tx, org_id));
    org_repo::set_quota_overrides(tx, org_id, q, clock_.unix_millis());
    const auto stored = quotas_.overrides(tx, org_id);
    changes_.record(tx, actor, events::OrgQuotasUpdated{org_id}, org_entry(org_id, before, to_json(stored)));
    return stored;
  });
}

QuotaLimits OrgService::effective_quotas(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) { return quotas_.for_org(c, org_id); });
}

}  // namespace cove::accounts
