// Webhook endpoints (issue 17): the same routes for an organisation's endpoints and the
// platform's, told apart by the scope they are mounted with.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/webhooks/webhooks_routes.hpp"

namespace cove::webhooks {

namespace {

constexpr std::size_t kBodyLimit = 64 * 1024;

std::optional<std::vector<std::string>> string_list(core::JsonInput& in, const char* name, std::size_t max_items,
                                                    std::size_t max_chars) {
  const auto* v = in.take(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) {
    in.add_error(in.field_name(name), "invalid_type", "An array of strings");
    return std::nullopt;
  }
  if (v->size() > max_items) {
    in.add_error(in.field_name(name), "too_many", fmt::format("At most {} entries", max_items));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const auto path = fmt::format("{}[{}]", in.field_name(name), i);
    if (!item.is_string()) {
      in.add_error(path, "invalid_type", "A string");
      continue;
    }
    const auto text = item.get<std::string>();
    if (const auto code = core::check_string(text, {.min_chars = 1, .max_chars = max_chars}); !code.empty()) {
      in.add_error(path, code, fmt::format("1 to {} characters on one line", max_chars));
      continue;
    }
    out.push_back(text);
  }
  return out;
}

EndpointFields read_fields(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  EndpointFields f;
  f.url = in.optional_string("url", {.min_chars = 1, .max_chars = kMaxUrlChars});
  f.description = in.optional_string("description", {.min_chars = 0, .max_chars = 500});
  f.events = string_list(in, "events", kMaxEventPatterns, 100);
  f.app_ids = string_list(in, "appIds", kMaxAppIds, 64);
  if (const auto* h = in.take("headers")) {
    if (!h->is_object()) {
      in.add_error("headers", "invalid_type", "An object of header names and values");
    } else if (h->size() > kMaxHeaders) {
      in.add_error("headers", "too_many", fmt::format("At most {} headers", kMaxHeaders));
    } else {
      std::vector<std::pair<std::string, std::string>> headers;
      for (const auto& [name, value] : h->items()) {
        if (!value.is_string()) {
          in.add_error(fmt::format("headers.{}", name), "invalid_type", "A string");
          continue;
        }
        headers.emplace_back(name, value.get<std::string>());
      }
      f.headers = std::move(headers);
    }
  }
  f.enabled = in.optional_bool("enabled");
  in.finish();
  return f;
}

nlohmann::json endpoint_json(const EndpointService& service, const Endpoint& e) {
  return to_json(e, service.health(e.id));
}

nlohmann::json with_secret(const EndpointService& service, const EndpointWithSecret& created) {
  auto out = endpoint_json(service, created.endpoint);
  out["secret"] = created.secret;
  return out;
}

message_repo::MessageFilter read_filter(const http::Request& req) {
  http::QueryInput q(req);
  message_repo::MessageFilter f;
  f.status = q.one_of("status", {"pending", "delivered", "failed"});
  f.type = q.optional_string("type", {.min_chars = 1, .max_chars = 100});
  q.finish();
  return f;
}

std::int64_t read_since(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  const auto text = in.required_string("since", {.min_chars = 1, .max_chars = 40});
  core::TimePoint t;
  if (!text.empty() && !core::parse_rfc3339(text, t)) {
    in.add_error("since", "invalid_time", "An RFC 3339 time, e.g. 2026-12-01T00:00:00Z");
  }
  in.finish();
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

void require_empty_body(const http::Request& req) {
  core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body)).finish();
}

// The routes of one endpoint, under `group` ("/api/v1/webhooks" or "/api/v1/platform/webhooks").
template <class Scope>
void mount_one(http::RouteGroup group, const WebhooksServices& s, Scope scope, const std::string& read,
               const std::string& manage) {
  EndpointService* endpoints = &s.endpoints;
  DeliveryService* deliveries = &s.deliveries;
  group
      .get("/{webhookId}",
           [endpoints, scope](http::Request& req) {
             return http::Response::json(
                 200, endpoint_json(*endpoints, endpoints->get(scope(req), req.param("webhookId"))));
           })
      .permission(read);
  group
      .patch("/{webhookId}",
             [endpoints, scope](http::Request& req) {
               const auto fields = read_fields(req);
               const auto e = endpoints->update(req.actor(), scope(req), req.param("webhookId"), fields);
               return http::Response::json(200, endpoint_json(*endpoints, e));
             })
      .permission(manage)
      .body_limit(kBodyLimit);
  group
      .del("/{webhookId}",
           [endpoints, scope](http::Request& req) {
             endpoints->remove(req.actor(), scope(req), req.param("webhookId"));
             return http::Response::no_content();
           })
      .permission(manage);
  group
      .post("/{webhookId}/rotate-secret",
            [endpoints, scope](http::Request& req) {
              require_empty_body(req);
              return http::Response::json(
                  200, with_secret(*endpoints, endpoints->rotate_secret(req.actor(), scope(req), req.param("webhookId"))));
            })
      .permission(manage);
  group
      .post("/{webhookId}/test",
            [deliveries, scope](http::Request& req) {
              require_empty_body(req);
              const auto m = deliveries->send_test(req.actor(), scope(req), req.param("webhookId"));
              return http::Response::json(202, to_json(m, true));
            })
      .permission(manage);
  group
      .get("/{webhookId}/messages",
           [deliveries, scope](http::Request& req) {
             const auto filter = read_filter(req);
             const auto page = http::read_page_request(req);
             const auto key = [](const Message& m) { return core::PageKey{m.created_ms, m.id}; };
             const auto item = [](const Message& m) { return to_json(m, false); };
             return http::Response::json(
                 200, http::page_json(deliveries->list(scope(req), req.param("webhookId"), filter, page), page, key,
                                      item));
           })
      .permission(read);
  group
      .get("/{webhookId}/messages/{messageId}",
           [deliveries, scope](http::Request& req) {
             const auto d = deliveries->detail(scope(req), req.param("webhookId"), req.param("messageId"));
             auto out = to_json(d.message, true);
             auto attempts = nlohmann::json::array();
             for (const auto& a : d.attempts) attempts.push_back(to_json(a));
             out["attempts"] = std::move(attempts);
             return http::Response::json(200, out);
           })
      .permission(read);
  group
      .post("/{webhookId}/messages/{messageId}/resend",
            [deliveries, scope](http::Request& req) {
              require_empty_body(req);
              const auto m =
                  deliveries->resend(req.actor(), scope(req), req.param("webhookId"), req.param("messageId"));
              return http::Response::json(202, to_json(m, false));
            })
      .permission(manage);
  group
      .post("/{webhookId}/recover",
            [deliveries, scope](http::Request& req) {
              const auto since = read_since(req);
              const auto n = deliveries->recover(req.actor(), scope(req), req.param("webhookId"), since);
              return http::Response::json(202, {{"queued", n}});
            })
      .permission(manage);
}

template <class Scope>
void mount_collection(http::RouteGroup group, const WebhooksServices& s, Scope scope, const std::string& read,
                      const std::string& manage) {
  EndpointService* endpoints = &s.endpoints;
  group
      .get("",
           [endpoints, scope](http::Request& req) {
             const auto page = http::read_page_request(req);
             const auto key = [](const Endpoint& e) { return core::PageKey{e.created_ms, e.id}; };
             const auto item = [endpoints](const Endpoint& e) { return endpoint_json(*endpoints, e); };
             return http::Response::json(200, http::page_json(endpoints->list(scope(req), page), page, key, item));
           })
      .permission(read);
  group
      .post("",
            [endpoints, scope](http::Request& req) {
              const auto fields = read_fields(req);
              const auto created = endpoints->create(req.actor(), scope(req), fields);
              auto res = http::Response::json(201, with_secret(*endpoints, created));
              res.headers.set("Location", fmt::format("/api/v1/webhooks/{}", created.endpoint.id));
              return res;
            })
      .permission(manage)
      .body_limit(kBodyLimit);
}

}  // namespace

void mount_endpoint_routes(http::Router& router, const WebhooksServices& s) {
  const auto org = [](const http::Request& req) { return req.org_id; };
  const auto platform = [](const http::Request&) { return std::string(); };
  mount_collection(router.group("/api/v1/orgs/{orgId}/webhooks"), s, org, "webhooks:manage", "webhooks:manage");
  mount_one(router.group("/api/v1/webhooks"), s, org, "webhooks:manage", "webhooks:manage");
  mount_collection(router.group("/api/v1/platform/webhooks"), s, platform, "platform:read", "platform:webhooks");
  mount_one(router.group("/api/v1/platform/webhooks"), s, platform, "platform:read", "platform:webhooks");
}

}  // namespace cove::webhooks
