#include "modules/accounts/org_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/password.hpp"
#include "core/media_type.hpp"
#include "modules/accounts/member_repo.hpp"
#include "modules/accounts/password_policy.hpp"
#include "modules/accounts/user_repo.hpp"

namespace cove::accounts {

namespace {

core::Error org_not_found() { return core::Error::not_found("orgs.not_found", "No such organisation"); }

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

struct Transition {
  const char* from;
  const char* to;
  const char* event;  // also the operation-log action
};

Transition transition_of(OrgDecision d) {
  switch (d) {
    case OrgDecision::kApprove: return {"pending", "active", "org.approved"};
    case OrgDecision::kReject: return {"pending", "rejected", "org.rejected"};
    case OrgDecision::kSuspend: return {"active", "suspended", "org.suspended"};
    case OrgDecision::kReactivate: return {"suspended", "active", "org.reactivated"};
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

}  // namespace

Org OrgService::register_org(const core::Actor& actor, const OrgRegistration& r) {
  const auto security = ctx_.settings.security();
  ctx_.app.db.read([&](core::Conn& c) {
    core::FieldErrors errors;
    check_new_password(c, *security, r.owner_password, "", "owner.password", errors);
    errors.throw_if_any();
    ensure_registrable(c, r);
  });
  const auto hash = core::password::hash(r.owner_password, ctx_.password_cost);
  const auto now = ctx_.app.clock.unix_millis();

  Org org;
  org.id = core::new_id("org");
  org.name = r.name;
  org.license_no = r.license_no;
  org.contact_name = r.contact_name;
  org.contact_email = r.contact_email;
  org.contact_phone = r.contact_phone;
  org.created_ms = org.updated_ms = now;

  User owner;
  owner.id = core::new_id("usr");
  owner.email = r.owner_email;
  owner.name = r.owner_name;
  owner.password_hash = hash;
  owner.password_changed_ms = owner.created_ms = owner.updated_ms = now;

  ctx_.app.db.write([&](core::Tx& tx) {
    ensure_registrable(tx, r);
    org_repo::insert(tx, org);
    user_repo::insert(tx, owner);
    member_repo::insert(tx, org.id, owner.id, "owner", now);
    auto after = profile_summary(org);
    after["licenseNo"] = org.license_no;
    after["ownerId"] = owner.id;
    after["ownerEmail"] = owner.email;
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org.id,
                           .action = "org.registered",
                           .target_type = "org",
                           .target_id = org.id,
                           .after = after});
    ctx_.app.events.emit(tx, "org.registered",
                         {{"orgId", org.id}, {"name", org.name}, {"ownerId", owner.id}});
  });
  return org;
}

Org OrgService::get(const std::string& org_id) const {
  auto org = ctx_.app.db.read([&](core::Conn& c) { return org_repo::find(c, org_id); });
  if (!org) throw org_not_found();
  return *org;
}

OrgDetails OrgService::details(const std::string& org_id) const {
  return ctx_.app.db.read([&](core::Conn& c) {
    auto org = org_repo::find(c, org_id);
    if (!org) throw org_not_found();
    return OrgDetails{*org, ctx_.quotas.for_org(c, org_id), ctx_.quotas.usage(c, org_id),
                      member_repo::count(c, org_id)};
  });
}

Org OrgService::update(const core::Actor& actor, const std::string& org_id, const OrgPatch& patch) {
  return ctx_.app.db.write([&](core::Tx& tx) {
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
    org->updated_ms = ctx_.app.clock.unix_millis();
    org_repo::update_profile(tx, *org);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "org.updated",
                           .target_type = "org",
                           .target_id = org_id,
                           .before = profile_summary(stored),
                           .after = profile_summary(*org)});
    ctx_.app.events.emit(tx, "org.updated", {{"orgId", org_id}});
    return *org_repo::find(tx, org_id);  // answer with what was stored
  });
}

Org OrgService::set_imposed_2fa(const core::Actor& actor, const std::string& org_id, bool required) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    const bool imposed = !org->require_2fa_imposed_by.empty();
    if (imposed == required) return *org;  // already so: the first operator's record stands
    const auto now = ctx_.app.clock.unix_millis();
    org->require_2fa_imposed_by = required ? actor.principal->id : "";
    org->require_2fa_imposed_ms = required ? now : 0;
    org->updated_ms = now;
    org_repo::set_imposed_2fa(tx, org_id, org->require_2fa_imposed_by, now);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "org.security_updated",
                           .target_type = "org",
                           .target_id = org_id,
                           .before = {{"require2faImposed", imposed}},
                           .after = {{"require2faImposed", required}, {"orgRequire2fa", org->require_2fa}}});
    ctx_.app.events.emit(tx, "org.updated", {{"orgId", org_id}});
    return *org;
  });
}

Org OrgService::decide(const core::Actor& actor, const std::string& org_id, OrgDecision decision,
                       const std::string& reason) {
  const auto t = transition_of(decision);
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    if (org->status != t.from) {
      throw core::Error(409, "orgs.invalid_transition",
                        fmt::format("The organisation is {}; this decision applies to {} organisations",
                                    org->status, t.from),
                        {{"status", org->status}, {"requiredStatus", t.from}});
    }
    const auto now = ctx_.app.clock.unix_millis();
    const nlohmann::json before = {{"status", org->status}, {"reason", org->status_reason}};
    org_repo::set_status(tx, org_id, t.to, reason, actor.principal->id, now);
    org->status = t.to;
    org->status_reason = reason;
    org->reviewed_by = actor.principal->id;
    org->reviewed_ms = org->updated_ms = now;
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = t.event,
                           .target_type = "org",
                           .target_id = org_id,
                           .before = before,
                           .after = {{"status", t.to}, {"reason", reason}}});
    ctx_.app.events.emit(tx, t.event, {{"orgId", org_id}, {"status", t.to}, {"reason", reason}});
    return *org;
  });
}

std::vector<Org> OrgService::list(const org_repo::OrgFilter& filter, const core::PageRequest& page) const {
  return ctx_.app.db.read([&](core::Conn& c) { return org_repo::list(c, filter, page); });
}

Org OrgService::set_license_attachment(const core::Actor& actor, const std::string& org_id,
                                       const std::filesystem::path& file, const std::string& sha256,
                                       std::uint64_t size, const std::string& file_name) {
  if (size == 0) throw core::Error::bad_request("empty_body", "Send the licence scan as the request body");
  const auto type = core::sniff_media_type(core::read_head(file, 16));
  if (type != core::kPng && type != core::kJpeg && type != core::kPdf) {
    throw core::Error(415, "unsupported_media_type",
                      "The licence scan must be a PNG or JPEG image or a PDF file");
  }
  get(org_id);  // 404 before storing anything
  const auto blob = ctx_.app.blobs.adopt(file, sha256);
  const auto extension = type == core::kPdf ? ".pdf" : type == core::kPng ? ".png" : ".jpg";
  const Attachment attachment{blob.sha256,
                              file_name.empty() ? fmt::format("license{}", extension) : file_name, type};
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto org = org_repo::find(tx, org_id);
    if (!org) throw org_not_found();
    const auto now = ctx_.app.clock.unix_millis();
    org_repo::set_attachment(tx, org_id, attachment, now);
    nlohmann::json before = nullptr;
    if (org->attachment) before = {{"name", org->attachment->name}, {"sha256", org->attachment->sha256}};
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "org.license_attachment_set",
                           .target_type = "org",
                           .target_id = org_id,
                           .before = before,
                           .after = {{"name", attachment.name},
                                     {"contentType", type},
                                     {"sha256", blob.sha256},
                                     {"size", blob.size}}});
    org->attachment = attachment;
    org->updated_ms = now;
    return *org;
  });
}

StoredAttachment OrgService::license_attachment(const std::string& org_id) const {
  const auto org = get(org_id);
  const auto path = org.attachment ? ctx_.app.blobs.path_of(org.attachment->sha256) : std::nullopt;
  const auto size = org.attachment ? ctx_.app.blobs.size(org.attachment->sha256) : std::nullopt;
  if (!path || !size) throw core::Error::not_found("orgs.no_attachment", "No licence scan has been uploaded");
  return {*org.attachment, *path, *size};
}

QuotaOverrides OrgService::quota_overrides(const std::string& org_id) const {
  return ctx_.app.db.read([&](core::Conn& c) {
    if (!org_repo::find(c, org_id)) throw org_not_found();
    return ctx_.quotas.overrides(c, org_id);
  });
}

QuotaOverrides OrgService::set_quota_overrides(const core::Actor& actor, const std::string& org_id,
                                               const QuotaOverrides& q) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    if (!org_repo::find(tx, org_id)) throw org_not_found();
    const auto before = to_json(ctx_.quotas.overrides(tx, org_id));
    org_repo::set_quota_overrides(tx, org_id, q, ctx_.app.clock.unix_millis());
    const auto stored = ctx_.quotas.overrides(tx, org_id);
    ctx_.app.changes.record(tx, actor, events::OrgQuotasUpdated{org_id},
                            {.org_id = org_id,
                             .target_type = "org",
                             .target_id = org_id,
                             .before = before,
                             .after = to_json(stored)});
    return stored;
  });
}

QuotaLimits OrgService::effective_quotas(const std::string& org_id) const {
  return ctx_.app.db.read([&](core::Conn& c) { return ctx_.quotas.for_org(c, org_id); });
}

}  // namespace cove::accounts
