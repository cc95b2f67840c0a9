// The platform's whitelist and blocklist (operators): read with platform:read, changed with
// platform:domains. Each list is small (kMaxPlatformListEntries) and answered whole.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "modules/domains/domains_routes.hpp"

namespace cove::domains {

namespace {

constexpr std::size_t kBodyLimit = 16 * 1024;
// The flagged list answers at most this many mini-programs (and says when there are more).
constexpr std::size_t kMaxFlaggedAnswered = 1000;

PlatformDomainInput read_entry(const http::Request& req, PlatformList list) {
  auto in = core::JsonInput::parse(req.body);
  PlatformDomainInput out;
  const auto host = in.required_string("host", {.min_chars = 1, .max_chars = kMaxDomainInputBytes});
  if (!host.empty()) {
    // A whitelist entry may admit a whole zone (the platform's CDN); a blocklist entry covers the
    // names below its host anyway.
    const auto parsed = parse_host(host, list == PlatformList::kWhitelist);
    if (parsed.host) {
      out.host = *parsed.host;
    } else {
      in.add_error("host", parsed.error.code, parsed.error.message);
    }
  }
  if (list == PlatformList::kWhitelist) {
    const auto* kinds = in.take("kinds");
    if (kinds == nullptr || kinds->is_null()) {
      for (const auto k : kKinds) out.kinds.emplace_back(kind_name(k));
    } else if (!kinds->is_array() || kinds->empty() || kinds->size() > kKinds.size()) {
      in.add_error("kinds", "invalid_type", "Give one or more of request, socket, upload, download, webview");
    } else {
      for (std::size_t i = 0; i < kinds->size(); ++i) {
        const auto& k = (*kinds)[i];
        if (!k.is_string() || !kind_from(k.get<std::string>())) {
          in.add_error(fmt::format("kinds[{}]", i), "unknown_value", "One of request, socket, upload, download, webview");
        } else if (std::find(out.kinds.begin(), out.kinds.end(), k.get<std::string>()) == out.kinds.end()) {
          out.kinds.push_back(k.get<std::string>());
        }
      }
    }
  }
  out.note = in.optional_string("note", {.min_chars = 0, .max_chars = 200}).value_or("");
  in.finish();
  return out;
}

nlohmann::json list_json(const std::vector<PlatformDomain>& rows) {
  auto items = nlohmann::json::array();
  for (const auto& d : rows) items.push_back(to_json(d));
  const auto total = items.size();
  return {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}};
}

}  // namespace

void mount_platform_list_routes(http::Router& router, const DomainsServices& s) {
  PlatformListService* service = &s.lists;
  for (const auto list : {PlatformList::kWhitelist, PlatformList::kBlocklist}) {
    auto group = router.group(fmt::format("/api/v1/platform/domain-{}", list_name(list)));
    group.get("", [service, list](http::Request&) { return http::Response::json(200, list_json(service->list(list))); })
        .permission("platform:read");
    group
        .post("",
              [service, list](http::Request& req) {
                const auto result = service->add(req.actor(), list, read_entry(req, list));
                auto body = to_json(result.entry);
                if (list == PlatformList::kBlocklist) {
                  auto flagged = nlohmann::json::array();
                  for (const auto& f : result.flagged) flagged.push_back(to_json(f));
                  body["flaggedApps"] = std::move(flagged);
                }
                return http::Response::json(201, body);
              })
        .permission("platform:domains")
        .body_limit(kBodyLimit);
    group
        .del("/{host}",
             [service, list](http::Request& req) {
               // The path names the host as stored (ASCII); a Unicode name is converted first.
               const auto parsed = parse_host(req.param("host"), list == PlatformList::kWhitelist);
               service->remove(req.actor(), list, parsed.host.value_or(req.param("host")));
               return http::Response::no_content();
             })
        .permission("platform:domains");
  }
  router.group("/api/v1/platform/flagged-domains")
      .get("",
           [service](http::Request&) {
             auto rows = service->flagged();
             const auto total = rows.size();
             if (rows.size() > kMaxFlaggedAnswered) rows.resize(kMaxFlaggedAnswered);
             auto items = nlohmann::json::array();
             for (const auto& f : rows) items.push_back(to_json(f));
             return http::Response::json(200, {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}});
           })
      .permission("platform:read");
}

}  // namespace cove::domains
