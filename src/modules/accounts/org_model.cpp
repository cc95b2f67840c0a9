#include "modules/accounts/org_model.hpp"

#include "core/clock.hpp"

namespace cove::accounts {


void write_json(core::JsonWriter& w, const Org& o) {
  const auto time_or_null = [&w](std::int64_t ms) {
    if (ms > 0)
      w.string(core::format_rfc3339_millis(ms));
    else
      w.null();
  };
  // Keys in sorted order, as nlohmann writes its objects (core/json_writer.hpp).
  w.begin_object();
  w.key("contactEmail").string(o.contact_email);
  w.key("contactName").string(o.contact_name);
  w.key("contactPhone").string(o.contact_phone);
  w.key("createdAt").string(core::format_rfc3339_millis(o.created_ms));
  w.key("id").string(o.id);
  w.key("licenseAttachment");
  if (o.attachment) {
    w.begin_object()
        .key("contentType")
        .string(o.attachment->content_type)
        .key("name")
        .string(o.attachment->name)
        .key("sha256")
        .string(o.attachment->sha256)
        .end_object();
  } else {
    w.null();
  }
  w.key("licenseNo").string(o.license_no);
  w.key("name").string(o.name);
  w.key("require2fa").boolean(o.require_2fa || !o.require_2fa_imposed_by.empty());
  w.key("require2faImposedAt");
  time_or_null(o.require_2fa_imposed_by.empty() ? 0 : o.require_2fa_imposed_ms);
  w.key("reviewedAt");
  time_or_null(o.reviewed_ms);
  w.key("status").string(o.status);
  w.key("statusReason");
  if (o.status_reason.empty())
    w.null();
  else
    w.string(o.status_reason);
  w.key("updatedAt").string(core::format_rfc3339_millis(o.updated_ms));
  w.end_object();
}

nlohmann::json to_json(const Org& o) {
  std::string text;
  core::JsonWriter w(text);
  write_json(w, o);
  return nlohmann::json::parse(text);
}

nlohmann::json to_json(const OrgDetails& d) {
  auto j = to_json(d.org);
  j["quotas"] = d.quotas;
  j["usage"] = {{"members", d.members}};
  j["quotaUsage"] = d.usage;
  return j;
}

}  // namespace cove::accounts
