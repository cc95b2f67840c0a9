#include "modules/webhooks/endpoint_service.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/webhooks/endpoint_repo.hpp"
#include "modules/webhooks/event_catalog.hpp"
#include "modules/webhooks/webhook_signature.hpp"
#include "modules/webhooks/webhooks_api.hpp"

namespace cove::webhooks {

namespace {

constexpr std::int64_t kRotationOverlapMs = 24LL * 3600 * 1000;
constexpr std::int64_t kHealthWindowMs = 24LL * 3600 * 1000;

core::Error not_found() { return core::Error::not_found("webhooks.not_found", "No such webhook endpoint"); }

// Headers Cove sets itself: a custom one of these would break the delivery or its signature.
bool reserved_header(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::set<std::string> reserved = {"host",          "content-length",    "content-type",
                                                 "transfer-encoding", "connection",    "expect",
                                                 "webhook-id",    "webhook-timestamp", "webhook-signature",
                                                 "user-agent",    "te",                "upgrade"};
  return reserved.contains(name);
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

const char* url_message(const std::string& code) {
  if (code == "http_not_allowed") return "Use https:// (plain http:// is not allowed on this platform)";
  if (code == "private_address") return "The receiver must be reachable on a public address";
  if (code == "credentials_in_url") return "Put credentials in a custom header, not in the URL";
  return "An absolute https:// URL without a fragment";
}

// Applies the fields a request sets onto `e`.
void apply(Endpoint& e, const EndpointFields& f) {
  if (f.url) e.url = *f.url;
  if (f.description) e.description = *f.description;
  if (f.events) e.events = *f.events;
  if (f.app_ids) e.app_ids = *f.app_ids;
  if (f.headers) e.headers = *f.headers;
  if (f.enabled && *f.enabled != e.enabled) {
    e.enabled = *f.enabled;
    // Switched on again by a person: the failure history that disabled it no longer counts.
    e.disabled_reason.clear();
    e.failing_since_ms = 0;
  }
}

template <class T>
std::vector<T> unique_in_order(const std::vector<T>& in) {
  std::vector<T> out;
  for (const auto& v : in) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

}  // namespace

void EndpointService::validate(core::Conn& c, const std::string& org_id, const EndpointFields& f,
                               bool creating) const {
  core::FieldErrors errors;
  if (creating && !f.url) errors.add("url", "required", "The receiver's URL");
  if (f.url) {
    if (f.url->size() > kMaxUrlChars) {
      errors.add("url", "too_long", fmt::format("At most {} characters", kMaxUrlChars));
    } else if (const auto code = check_endpoint_url(*f.url, policy_); !code.empty()) {
      errors.add("url", code, url_message(code));
    }
  }
  if (creating && !f.events) errors.add("events", "required", "The event types to send, or [\"*\"]");
  if (f.events) {
    if (f.events->empty()) errors.add("events", "required", "At least one event type, or [\"*\"]");
    if (f.events->size() > kMaxEventPatterns) {
      errors.add("events", "too_many", fmt::format("At most {} entries", kMaxEventPatterns));
    }
    for (std::size_t i = 0; i < f.events->size() && i < kMaxEventPatterns; ++i) {
      const auto& p = (*f.events)[i];
      const auto* type = find_event_type(p);
      if (!valid_pattern(p)) {
        errors.add(fmt::format("events[{}]", i), "unknown_event_type",
                   "Not an event type, \"*\" or a \"<module>.*\" pattern (GET /api/v1/webhook-event-types)");
      } else if (!org_id.empty() && type != nullptr && type->platform_only) {
        errors.add(fmt::format("events[{}]", i), "platform_event", "Only the platform's endpoints receive this type");
      }
    }
  }
  if (f.app_ids) {
    if (f.app_ids->size() > kMaxAppIds) errors.add("appIds", "too_many", fmt::format("At most {}", kMaxAppIds));
    for (std::size_t i = 0; i < f.app_ids->size() && i < kMaxAppIds; ++i) {
      const auto& id = (*f.app_ids)[i];
      const bool known = org_id.empty() ? core::looks_like_id(id, "app") : apps_.app_exists(c, org_id, id);
      if (!known) errors.add(fmt::format("appIds[{}]", i), "unknown_app", "No such mini-program in this organisation");
    }
  }
  if (f.headers) {
    if (f.headers->size() > kMaxHeaders) errors.add("headers", "too_many", fmt::format("At most {}", kMaxHeaders));
    for (const auto& [name, value] : *f.headers) {
      const auto path = fmt::format("headers.{}", name);
      if (name.empty() || name.size() > 100 || !std::all_of(name.begin(), name.end(), token_char)) {
        errors.add(path, "invalid_header_name", "A header name: letters, digits and - (at most 100)");
      } else if (reserved_header(name)) {
        errors.add(path, "reserved_header", "Cove sets this header itself");
      }
      if (value.size() > 1000 || std::any_of(value.begin(), value.end(), [](unsigned char ch) {
            return ch < 0x20 || ch == 0x7f;
          })) {
        errors.add(path, "invalid_header_value", "One line of at most 1,000 characters");
      }
    }
  }
  errors.throw_if_any();
}

EndpointWithSecret EndpointService::create(const core::Actor& actor, const std::string& org_id,
                                           const EndpointFields& fields) {
  Endpoint e;
  e.id = core::new_id("whe");
  e.org_id = org_id;
  e.description = "";
  apply(e, fields);
  e.events = unique_in_order(e.events);
  e.app_ids = unique_in_order(e.app_ids);
  const auto secret = new_secret();
  e.secret_sealed = seal_.seal(secret);
  e.created_by = actor.principal->id;
  e.created_ms = e.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    validate(tx, org_id, fields, true);
    const auto existing = endpoint_repo::count(tx, org_id);
    if (org_id.empty()) {
      if (existing >= static_cast<std::int64_t>(kMaxEndpointsHardLimit)) {
        throw core::Error(409, "webhooks.too_many", fmt::format("At most {} endpoints", kMaxEndpointsHardLimit),
                          {{"limit", kMaxEndpointsHardLimit}});
      }
    } else {
      quotas_.ensure(tx, org_id, kMaxWebhookEndpoints, existing);
    }
    endpoint_repo::insert(tx, e);
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.created",
                                .target_type = "webhook_endpoint", .target_id = e.id, .after = summary_of(e)});
  });
  return {e, secret};
}

core::Page<Endpoint> EndpointService::list(const std::string& org_id, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return endpoint_repo::list(c, org_id, page); });
}

Endpoint EndpointService::get(const std::string& org_id, const std::string& id) const {
  auto e = db_.read([&](core::Conn& c) { return endpoint_repo::find(c, org_id, id); });
  if (!e) throw not_found();
  return *e;
}

EndpointHealth EndpointService::health(const std::string& id) const {
  const auto since = clock_.unix_millis() - kHealthWindowMs;
  return db_.read([&](core::Conn& c) { return endpoint_repo::health(c, id, since); });
}

Endpoint EndpointService::update(const core::Actor& actor, const std::string& org_id, const std::string& id,
                                 const EndpointFields& fields) {
  return db_.write([&](core::Tx& tx) {
    auto e = endpoint_repo::find(tx, org_id, id);
    if (!e) throw not_found();
    validate(tx, org_id, fields, false);
    const auto before = summary_of(*e);
    apply(*e, fields);
    e->events = unique_in_order(e->events);
    e->app_ids = unique_in_order(e->app_ids);
    e->updated_ms = clock_.unix_millis();
    endpoint_repo::update(tx, *e);
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.updated",
                                .target_type = "webhook_endpoint", .target_id = id, .before = before,
                                .after = summary_of(*e)});
    return *e;
  });
}

void EndpointService::remove(const core::Actor& actor, const std::string& org_id, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    const auto e = endpoint_repo::find(tx, org_id, id);
    if (!e) throw not_found();
    endpoint_repo::remove(tx, id);  // its messages and attempts go with it (foreign keys)
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.deleted",
                                .target_type = "webhook_endpoint", .target_id = id, .before = summary_of(*e)});
  });
}

EndpointWithSecret EndpointService::rotate_secret(const core::Actor& actor, const std::string& org_id,
                                                  const std::string& id) {
  const auto secret = new_secret();
  auto rotated = db_.write([&](core::Tx& tx) {
    auto e = endpoint_repo::find(tx, org_id, id);
    if (!e) throw not_found();
    const auto now = clock_.unix_millis();
    // A second rotation within the overlap drops the oldest secret: two sign at most.
    e->old_secret_sealed = e->secret_sealed;
    e->old_secret_until_ms = now + kRotationOverlapMs;
    e->secret_sealed = seal_.seal(secret);
    e->updated_ms = now;
    endpoint_repo::update(tx, *e);
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.secret_rotated",
                                .target_type = "webhook_endpoint", .target_id = id});
    return *e;
  });
  return {rotated, secret};
}

std::vector<std::string> EndpointService::signing_secrets(const Endpoint& e, std::int64_t now_ms) const {
  std::vector<std::string> out;
  if (auto current = seal_.open(e.secret_sealed)) out.push_back(std::move(*current));
  if (!e.old_secret_sealed.empty() && e.old_secret_until_ms > now_ms) {
    if (auto old = seal_.open(e.old_secret_sealed)) out.push_back(std::move(*old));
  }
  return out;
}

}  // namespace cove::webhooks
