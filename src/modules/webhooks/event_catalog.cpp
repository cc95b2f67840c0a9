#include "modules/webhooks/event_catalog.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <type_traits>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/domains/domains_api.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/review/review_api.hpp"
#include "modules/webhooks/webhooks_api.hpp"

namespace cove::webhooks {

namespace {

template <class M>
nlohmann::json schema_of() {
  if constexpr (std::is_same_v<M, std::string>) {
    return {{"type", "string"}};
  } else if constexpr (std::is_same_v<M, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_integral_v<M>) {
    return {{"type", "integer"}};
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    return {{"type", "array"}, {"items", {{"type", "string"}}}};
  } else {
    static_assert(std::is_same_v<M, nlohmann::json>, "add the member type to schema_of");
    return nlohmann::json::object();  // free-form (a version or null, a percentage or null)
  }
}

// An example value by field name, so the documentation reads like a real delivery.
nlohmann::json example_of(std::string_view name, const nlohmann::json& schema) {
  static const std::vector<std::pair<std::string_view, nlohmann::json>> known = {
      {"orgId", "org_3kTqfRzW8vJpL2mXaN9bYc"}, {"appOrgId", "org_3kTqfRzW8vJpL2mXaN9bYc"},
      {"appId", "app_7HdLs0QmWv4xZr2NpKe1uT"}, {"versionId", "ver_1PqZs8LmVb3xTr6NwKe2uY"},
      {"version", "1.4.0"},  {"previousVersion", "1.3.2"}, {"planId", "gpl_5RtYu1IoPa9sDf3GhJk7lZ"},
      {"reviewId", "rev_2WsXe4DcRf6VtGb8YhNu1J"}, {"caseId", "cas_3EdCv5RfVt7GbYh9NuJm2K"}, {"hostAppId", "hap_9MkLo2IjUh4YgTf6RdEs8W"},
      {"userId", "usr_4QaZw2SxEd6CrFv8TgBy1H"}, {"ownerId", "usr_4QaZw2SxEd6CrFv8TgBy1H"},
      {"listId", "uid_6YhNb8GtFr4VeDc2XsWq0A"}, {"certificateId", "crt_8UjMn6BhYg4TfVr2CdEx0Z"},
      {"endpointId", "whe_0PlKo9IjMn8UhBy7GtVr6F"}, {"host", "shop.example.com"},
      {"blockedHost", "bad.example.com"}, {"url", "https://ci.example.com/cove-hooks"},
      {"notAfter", "2027-03-01T00:00:00.000Z"}, {"name", "示例科技有限公司"}, {"status", "online"},
      {"percentage", 20}, {"reason", "资料齐全"}, {"names", nlohmann::json::array({"www.example.com"})}};
  for (const auto& [key, value] : known) {
    if (key == name) return value;
  }
  const auto type = schema.value("type", "");
  if (type == "boolean") return false;
  if (type == "integer") return 1;
  if (type == "array") return nlohmann::json::array();
  return "";
}

template <core::EventType E>
EventTypeInfo describe(std::string module, std::string description, bool platform_only = false) {
  EventTypeInfo info{std::string(E::kTopic), std::move(module), std::move(description), nullptr, nullptr,
                     platform_only};
  auto properties = nlohmann::json::object();
  auto required = nlohmann::json::array();
  auto example = nlohmann::json::object();
  std::apply(
      [&](const auto&... f) {
        (
            [&] {
              using Member = std::remove_cvref_t<decltype(std::declval<E>().*(f.member))>;
              const std::string name(f.name);
              properties[name] = schema_of<Member>();
              required.push_back(name);
              example[name] = example_of(f.name, properties[name]);
            }(),
            ...);
      },
      E::fields());
  info.schema = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                 {"type", "object"},
                 {"properties", std::move(properties)},
                 {"required", std::move(required)}};
  // A status as the module's events carry it.
  if (example.contains("status")) {
    static const std::map<std::string, std::string, std::less<>> by_module = {
        {"accounts", "active"}, {"apps", "online"}, {"gray", "running"}, {"review", "in_review"}};
    const auto it = by_module.find(info.module);
    if (it != by_module.end()) example["status"] = it->second;
  }
  info.example = std::move(example);
  return info;
}

std::vector<EventTypeInfo> build() {
  namespace ac = accounts::events;
  namespace ap = apps::events;
  namespace gr = gray::events;
  namespace dm = domains::events;
  namespace rv = review::events;
  return {
      describe<ac::OrgRegistered>("accounts", "An organisation registered and waits for review", true),
      describe<ac::OrgApproved>("accounts", "An operator approved the organisation"),
      describe<ac::OrgRejected>("accounts", "An operator rejected the organisation's registration"),
      describe<ac::OrgSuspended>("accounts", "An operator suspended the organisation"),
      describe<ac::OrgReactivated>("accounts", "An operator reactivated the organisation"),
      describe<ac::OrgResubmitted>("accounts", "A rejected organisation corrected and resubmitted its data"),
      describe<ac::MemberAdded>("accounts", "A member joined the organisation"),
      describe<ac::MemberRoleChanged>("accounts", "A member was given another role"),
      describe<ac::MemberRemoved>("accounts", "A member left or was removed"),
      describe<ap::AppCreated>("apps", "A mini-program was created"),
      describe<ap::AppUpdated>("apps", "A mini-program's details or icon changed"),
      describe<ap::AppDeleted>("apps", "A mini-program was deleted"),
      describe<ap::AppStatusChanged>("apps", "A mini-program went online or offline (released, taken down, restored)"),
      describe<ap::VersionUploaded>("apps", "A code package was uploaded as a new version"),
      describe<ap::VersionDeleted>("apps", "A version was deleted"),
      describe<ap::VersionReleased>("apps", "A version is now served to every user (a release or a rollback)"),
      describe<ap::HostAppCreated>("apps", "A host app was created"),
      describe<ap::HostAppUpdated>("apps", "A host app changed (change \"secret\": its SDK secret was rotated)"),
      describe<ap::HostAppDeleted>("apps", "A host app was deleted"),
      describe<ap::AssociationChanged>("apps", "A mini-program was associated with a host app, or dissociated"),
      describe<gr::PlanStarted>("gray", "A gray release plan started serving its version"),
      describe<gr::PlanPaused>("gray", "A gray release plan was paused"),
      describe<gr::PlanResumed>("gray", "A gray release plan was resumed"),
      describe<gr::PlanStepApplied>("gray", "A gray release plan reached its next percentage"),
      describe<gr::PlanCompleted>("gray", "A gray release plan completed: its version is released"),
      describe<gr::PlanRolledBack>("gray", "A gray release plan was rolled back"),
      describe<dm::AppDomainsUpdated>("domains", "A mini-program's domain lists were replaced"),
      describe<dm::AppDomainsBlocked>("domains", "The platform blocklist now refuses a host a mini-program declares"),
      describe<dm::WebviewDomainVerified>("domains", "A business domain passed verification"),
      describe<dm::WebviewDomainVerificationFailed>("domains", "A business domain failed verification"),
      describe<dm::CertificateExpiring>("domains", "A certificate expires in 30, 14, 7 or 1 days"),
      describe<dm::CertificateExpired>("domains", "A certificate expired"),
      describe<rv::ReviewSubmitted>("review", "A version was submitted for review"),
      describe<rv::ReviewApproved>("review", "A reviewer approved the version"),
      describe<rv::ReviewRejected>("review", "The version was rejected, by a reviewer or a failed pre-check"),
      describe<rv::ReviewWithdrawn>("review", "The organisation withdrew its submission"),
      describe<rv::CaseReported>("review", "A mini-program was reported (the case opened if it was not)"),
      describe<rv::CaseDismissed>("review", "An operator dismissed the reports on a mini-program"),
      describe<rv::CaseWarned>("review", "An operator warned the organisation about a mini-program"),
      describe<rv::CaseTakenDown>("review", "An operator took the mini-program down over a violation case"),
      describe<rv::CaseAppealed>("review", "The organisation appealed a takedown"),
      describe<rv::CaseAppealUpheld>("review", "An operator upheld the takedown after the appeal"),
      describe<rv::CaseRestored>("review", "An operator restored the mini-program"),
      describe<events::EndpointDisabled>("webhooks", "Cove disabled a webhook endpoint (410 Gone or 5 days failing)"),
  };
}

}  // namespace

const std::vector<EventTypeInfo>& event_catalog() {
  static const std::vector<EventTypeInfo> catalog = build();
  return catalog;
}

const EventTypeInfo* find_event_type(std::string_view type) {
  const auto& all = event_catalog();
  const auto it = std::find_if(all.begin(), all.end(), [&](const EventTypeInfo& t) { return t.type == type; });
  return it == all.end() ? nullptr : &*it;
}

bool pattern_matches(std::string_view pattern, const EventTypeInfo& type) {
  if (pattern == "*") return true;
  if (pattern.ends_with(".*")) {
    const auto stem = pattern.substr(0, pattern.size() - 2);
    return type.module == stem || type.type.starts_with(std::string(stem) + ".");
  }
  return pattern == type.type;
}

bool valid_pattern(std::string_view pattern) {
  if (pattern == "*") return true;
  const auto& all = event_catalog();
  return std::any_of(all.begin(), all.end(), [&](const EventTypeInfo& t) { return pattern_matches(pattern, t); });
}

nlohmann::json to_json(const EventTypeInfo& type) {
  return {{"type", type.type},     {"module", type.module},   {"description", type.description},
          {"schema", type.schema}, {"example", type.example}, {"platformOnly", type.platform_only}};
}

}  // namespace cove::webhooks
