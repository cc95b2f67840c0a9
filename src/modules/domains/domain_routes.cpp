// A mini-program's domain lists (issue 15): GET answers the lists with their ETag; PUT replaces
// all five at once and needs If-Match (428 without it, 412 when someone else saved first) —
// the console and CI scripts read, edit and write back, and a lost update is never silent.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/domains/domains_routes.hpp"

namespace cove::domains {

namespace {

// A request may list at most this many entries per kind, whatever the organisation's limit (the
// limit is checked after duplicates are dropped; this bounds the work before).
constexpr std::size_t kMaxEntriesPerRequest = 1000;
constexpr std::size_t kBodyLimit = 512 * 1024;

// The lists as sent; shape errors go to `errors`, reported with the rules' own at once.
RawLists read_lists(const http::Request& req, core::FieldErrors& errors) {
  auto in = core::JsonInput::parse(req.body);  // not a JSON object: a 400 of its own
  RawLists raw;
  for (const auto k : kKinds) {
    const auto name = std::string(kind_name(k));
    const auto* value = in.take(name.c_str());
    if (value == nullptr || value->is_null()) continue;  // absent: an empty list
    if (!value->is_array()) {
      in.add_error(name, "invalid_type", "Give a list of domains");
      continue;
    }
    if (value->size() > kMaxEntriesPerRequest) {
      in.add_error(name, "too_many", fmt::format("At most {} entries", kMaxEntriesPerRequest));
      continue;
    }
    auto& list = raw[kind_index(k)];
    for (std::size_t i = 0; i < value->size(); ++i) {
      const auto& item = (*value)[i];
      if (!item.is_string()) {
        in.add_error(fmt::format("{}[{}]", name, i), "invalid_type", "A domain is a string such as https://api.example.com");
        continue;
      }
      list.push_back(item.get<std::string>());
    }
  }
  in.check_unknown();
  errors = in.errors();
  return raw;
}

// The lists, and the verification state of each business domain (only verified ones reach the
// runtime).
http::Response answer(const DomainSet& s, const VerificationService& verification) {
  auto body = to_json(s);
  body["verification"] = verification.statuses(s.org_id, s.lists[kind_index(DomainKind::kWebview)]);
  auto res = http::Response::json(200, body);
  res.headers.set("ETag", etag_of(s));
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void mount_domain_routes(http::Router& router, const DomainsServices& s) {
  DomainService* service = &s.domains;
  VerificationService* verification = &s.verification;
  auto apps = router.group("/api/v1/apps/{appId}/domains");
  apps.get("",
           [service, verification](http::Request& req) {
             return answer(service->get(req.org_id, req.param("appId")), *verification);
           })
      .permission("apps:read");
  apps.put("",
           [service, verification](http::Request& req) {
             core::FieldErrors errors;
             const auto raw = read_lists(req, errors);
             std::optional<std::string> if_match;
             if (const auto h = req.headers.get("If-Match")) if_match = std::string(*h);
             return answer(service->replace(req.actor(), req.org_id, req.param("appId"), raw, if_match, errors),
                           *verification);
           })
      .permission("domains:write")
      .body_limit(kBodyLimit);
}

}  // namespace cove::domains
