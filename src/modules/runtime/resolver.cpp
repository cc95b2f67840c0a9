#include "modules/runtime/resolver.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "modules/gray/live_plan.hpp"

namespace cove::runtime {

namespace {

bool known_attribute(std::string_view key) {
  const auto& known = gray::kRequestAttributes;
  if (std::find(known.begin(), known.end(), key) != known.end()) return true;
  return key.starts_with(gray::kCustomAttributePrefix) && key.size() > gray::kCustomAttributePrefix.size() &&
         key.size() <= gray::kMaxContextKeyBytes;
}

// What gray rules read from a request: the context parameters, the host app and the caller's IP.
class RequestAttributes final : public gray::Attributes {
 public:
  RequestAttributes(const Context& params, std::string_view host_id, std::string_view ip)
      : params_(params), host_id_(host_id), ip_(ip) {}

  std::optional<std::string_view> get(std::string_view attribute) const override {
    if (attribute == "hostApp") return host_id_;
    if (attribute == "ip") return ip_;
    for (const auto& [key, value] : params_) {
      if (key == attribute) return std::string_view(value);
    }
    return std::nullopt;
  }

 private:
  const Context& params_;
  std::string_view host_id_;
  std::string_view ip_;
};

const HostEntry* host_of(const Catalog& catalog, std::string_view host_app_id) {
  const auto it = catalog.hosts.find(host_app_id);
  return it == catalog.hosts.end() ? nullptr : &it->second;
}

}  // namespace

Context check_context(Context params) {
  core::FieldErrors errors;
  if (params.size() > gray::kMaxContextKeys) {
    errors.add("query", "too_many", fmt::format("At most {} context parameters", gray::kMaxContextKeys));
  }
  for (const auto& [key, value] : params) {
    if (!known_attribute(key)) {
      errors.add(key.size() <= gray::kMaxContextKeyBytes ? key : "query", "unknown_parameter",
                 "Use uid, platform, osVersion, deviceModel, network, region, sdkVersion, deviceId or ctx.<key>");
    } else if (value.size() > gray::kMaxContextValueBytes) {
      errors.add(key, "too_long", fmt::format("At most {} bytes", gray::kMaxContextValueBytes));
    }
  }
  errors.throw_if_any();
  return params;
}

const AppView& associated_view(const Catalog& catalog, std::string_view host_app_id, std::string_view app_id) {
  const auto* host = host_of(catalog, host_app_id);
  if (host) {
    if (const auto it = host->apps.find(app_id); it != host->apps.end()) return it->second;
  }
  if (catalog.known_apps.contains(app_id)) {
    throw core::Error::not_found("runtime.not_associated", "This mini-program is not associated with the host app");
  }
  throw core::Error::not_found("runtime.app_not_found", "No such mini-program");
}

namespace {

void require_servable(const AppView& view) {
  switch (view.reason) {
    case Unservable::kOffline: throw core::Error::not_found("runtime.app_offline", "This mini-program is offline");
    case Unservable::kNotReleased:
      throw core::Error::not_found("runtime.not_released", "This mini-program has no released version");
    case Unservable::kNone: break;
  }
}

}  // namespace

Answer resolve_profile(const Catalog& catalog, std::string_view host_app_id, std::string_view app_id) {
  const AppView& view = associated_view(catalog, host_app_id, app_id);
  require_servable(view);
  return {view.profile, view.profile_etag};
}

Answer resolve_app(const Catalog& catalog, const ResolveInput& in) {
  const AppView& view = associated_view(catalog, in.host_app_id, in.app_id);
  require_servable(view);
  if (!view.gray.empty() && catalog.gray && catalog.gray->lists) {
    const RequestAttributes attributes(in.context, in.host_app_id, in.ip);
    for (const auto& g : view.gray) {
      if (gray::selects(g.plan->plan, attributes, *catalog.gray->lists, in.now)) return {g.body, g.etag};
    }
  }
  return {view.body, view.etag};
}

std::string servable_page(const Catalog& catalog, std::string_view host_app_id, std::string_view cursor, int limit) {
  static const std::map<std::string, const AppView*> kNone;
  const auto* host = host_of(catalog, host_app_id);
  const auto& servable = host ? host->servable : kNone;
  auto it = servable.begin();
  if (!cursor.empty()) {
    std::string after;
    try {
      after = core::crypto::from_base64url(cursor);
    } catch (const std::invalid_argument&) {
      core::FieldErrors errors;
      errors.add("cursor", "invalid", "Pass the nextCursor of the previous page");
      errors.throw_if_any();
    }
    it = servable.upper_bound(after);
  }
  std::string body = R"({"items":[)";
  int n = 0;
  std::string last;
  for (; it != servable.end() && n < limit; ++it, ++n) {
    if (n > 0) body += ',';
    body += it->second->body;
    last = it->first;
  }
  body += "],\"nextCursor\":";
  body += it != servable.end() ? fmt::format("\"{}\"", core::crypto::base64url(last)) : "null";
  body += '}';
  return body;
}

bool may_download(const Catalog& catalog, std::string_view host_app_id, std::string_view sha256) {
  const auto* host = host_of(catalog, host_app_id);
  return host && host->packages.contains(sha256);
}

}  // namespace cove::runtime
