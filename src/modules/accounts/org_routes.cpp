// Organisation self-registration, profile and licence scan (issue 3 "Organisations").
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/field_rules.hpp"
#include "core/json_input.hpp"
#include "http/download.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"
#include "modules/accounts/password_policy.hpp"

namespace cove::accounts {

namespace {

OrgRegistration read_registration(core::JsonInput& in) {
  OrgRegistration r;
  r.name = in.required_string("name", kOrgNameRule);
  r.license_no = core::read_license_no(in, "licenseNo").value_or("");
  r.contact_name = in.required_string("contactName", kPersonNameRule);
  r.contact_email = core::read_email(in, "contactEmail", true).value_or("");
  r.contact_phone = core::read_phone(in, "contactPhone", true).value_or("");
  if (auto owner = in.object("owner", true)) {
    r.owner_email = core::read_email(*owner, "email", true).value_or("");
    // Length and character classes are the password policy's (checked by the service).
    r.owner_password = owner->required_string("password", {.min_chars = 1, .max_chars = kMaxPasswordBytes});
    r.owner_name = owner->required_string("name", kPersonNameRule);
    owner->check_unknown();
  }
  in.finish();
  return r;
}

OrgPatch read_patch(core::JsonInput& in) {
  OrgPatch p;
  p.name = in.optional_string("name", kOrgNameRule);
  p.contact_name = in.optional_string("contactName", kPersonNameRule);
  p.contact_email = core::read_email(in, "contactEmail", false);
  p.contact_phone = core::read_phone(in, "contactPhone", false);
  p.require_2fa = in.optional_bool("require2fa");
  in.finish();
  return p;
}

OrgResubmission read_resubmission(core::JsonInput& in) {
  OrgResubmission r;
  r.profile.name = in.optional_string("name", kOrgNameRule);
  r.profile.contact_name = in.optional_string("contactName", kPersonNameRule);
  r.profile.contact_email = core::read_email(in, "contactEmail", false);
  r.profile.contact_phone = core::read_phone(in, "contactPhone", false);
  r.license_no = core::read_license_no(in, "licenseNo", false);
  in.finish();
  return r;
}

}  // namespace

void mount_org_routes(http::Router& router, AccountsServices& services) {
  auto& service = services.orgs;
  auto orgs = router.group("/api/v1/orgs");

  orgs.post("/register",
            [&service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto org = service.register_org(req.actor(), read_registration(in));
              return http::Response::json(201, {{"id", org.id}, {"status", org.status}});
            })
      .open()
      .blocking();

  orgs.get("/{orgId}",
           [&service](http::Request& req) {
             return http::Response::json(200, to_json(service.details(req.org_id)));
           })
      .permission("org:read");

  orgs.patch("/{orgId}",
             [&service](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               const auto patch = read_patch(in);
               service.update(req.actor(), req.org_id, patch);
               return http::Response::json(200, to_json(service.details(req.org_id)));
             })
      .permission("org:manage");

  // A rejected organisation corrects what the operator's reason named and asks again (the body's
  // fields are optional corrections; an empty body resubmits as is).
  orgs.post("/{orgId}/resubmit",
            [&service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body.empty() ? std::string("{}") : req.body);
              service.resubmit(req.actor(), req.org_id, read_resubmission(in));
              return http::Response::json(200, to_json(service.details(req.org_id)));
            })
      .permission("org:manage");

  // The raw body is the file; it streams to disk while being hashed, then moves into the blob
  // store (fsync: blocking).
  orgs.put("/{orgId}/license-attachment",
           [&service](http::Request& req) {
             if (!req.upload)
               throw core::Error::bad_request("empty_body", "Send the licence scan as the request body");
             const auto file_name = http::read_file_name(req);
             const auto org = service.set_license_attachment(
                 req.actor(), req.org_id, req.upload->path, req.upload->sha256, req.upload->size, file_name);
             return http::Response::json(200, to_json(org)["licenseAttachment"]);
           })
      .permission("org:manage")
      .stream_to_file(kMaxAttachmentBytes)
      .blocking();

  orgs.get("/{orgId}/license-attachment",
           [&service](http::Request& req) {
             const auto stored = service.license_attachment(req.org_id);
             http::Response res;
             res.headers.set("Content-Type", stored.attachment.content_type);
             res.headers.set("Content-Disposition",
                             http::content_disposition("attachment", stored.attachment.name));
             const auto etag = fmt::format("\"{}\"", stored.attachment.sha256);
             res.headers.set("ETag", etag);
             res.headers.set("Cache-Control", "private, no-cache");
             if (req.headers.get("If-None-Match") == etag) {
               res.status = 304;
               return res;
             }
             res.file = http::FileBody{stored.path, 0, stored.size};
             return res;
           })
      .permission("org:read");
}

}  // namespace cove::accounts
