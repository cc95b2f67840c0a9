#include "modules/webhooks/delivery_service.hpp"

#include <map>
#include <random>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "modules/webhooks/endpoint_repo.hpp"
#include "modules/webhooks/event_catalog.hpp"
#include "modules/webhooks/webhook_signature.hpp"
#include "modules/webhooks/webhooks_api.hpp"

namespace cove::webhooks {

namespace {

constexpr std::size_t kResponseExcerpt = 2048;  // of the receiver's answer, kept per attempt
constexpr int kRecoverLimit = 10000;

double default_jitter() {
  thread_local std::mt19937 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.9, 1.1)(rng);
}

// The envelope of the Standard Webhooks payload.
std::string body_of(std::string_view type, std::int64_t ms, const nlohmann::json& data) {
  return nlohmann::json{{"type", type}, {"timestamp", core::format_rfc3339_millis(ms)}, {"data", data}}.dump();
}

bool wants(const Endpoint& e, const EventTypeInfo& type, const nlohmann::json& payload) {
  if (!e.org_id.empty() && type.platform_only) return false;
  const bool subscribed =
      std::any_of(e.events.begin(), e.events.end(), [&](const std::string& p) { return pattern_matches(p, type); });
  if (!subscribed) return false;
  // The mini-program filter applies to events about a mini-program; the others pass.
  const auto app = payload.find("appId");
  if (e.app_ids.empty() || app == payload.end() || !app->is_string()) return true;
  return std::find(e.app_ids.begin(), e.app_ids.end(), app->get<std::string>()) != e.app_ids.end();
}

core::Error message_not_found() { return core::Error::not_found("webhooks.message_not_found", "No such message"); }

std::string excerpt(const std::string& body) {
  if (body.size() <= kResponseExcerpt) return body;
  auto cut = kResponseExcerpt;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return body.substr(0, cut);
}

}  // namespace

DeliveryService::DeliveryService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock,
                                 EndpointService& endpoints, const http::GuardedFetcher& fetcher,
                                 DeliveryOptions options, std::function<double()> jitter)
    : db_(db),
      changes_(changes),
      clock_(clock),
      endpoints_(endpoints),
      fetcher_(fetcher),
      results_(db),
      options_(std::move(options)),
      jitter_(jitter ? std::move(jitter) : std::function<double()>(&default_jitter)) {}

int DeliveryService::fan_out(std::span<const core::Event> events) {
  const auto now = clock_.unix_millis();
  int created = 0;
  db_.write([&](core::Tx& tx) {
    // An organisation's endpoints (with the platform's), read once per batch.
    std::map<std::string, std::vector<Endpoint>> endpoints_of;
    const auto endpoints = [&](const std::string& org_id) -> const std::vector<Endpoint>& {
      auto it = endpoints_of.find(org_id);
      if (it == endpoints_of.end()) it = endpoints_of.emplace(org_id, endpoint_repo::enabled_for(tx, org_id)).first;
      return it->second;
    };
    for (const auto& event : events) {
      const auto* type = find_event_type(event.topic);
      if (type == nullptr) continue;
      const auto org_id = event.payload.value("orgId", "");
      const auto app_org_id = event.payload.value("appOrgId", "");
      const auto app_id = event.payload.value("appId", "");
      std::vector<const Endpoint*> targets;
      for (const auto& e : endpoints(org_id)) targets.push_back(&e);
      if (!app_org_id.empty() && app_org_id != org_id) {
        for (const auto& e : endpoints(app_org_id)) {
          if (!e.org_id.empty()) targets.push_back(&e);  // the platform's are in already
        }
      }
      std::string body;
      for (const auto* e : targets) {
        if (!wants(*e, *type, event.payload)) continue;
        if (body.empty()) body = body_of(event.topic, event.created_ms, event.payload);
        Message m;
        m.id = core::new_id("msg");
        m.endpoint_id = e->id;
        m.event_id = event.id;
        m.type = event.topic;
        m.app_id = app_id;
        m.body = body;
        m.status = "pending";
        m.next_attempt_ms = now;
        m.created_ms = m.updated_ms = now;
        if (message_repo::insert(tx, m)) ++created;
      }
    }
  });
  if (created > 0) queued();
  return created;
}

std::optional<Message> DeliveryService::next_due(const std::vector<std::string>& busy) const {
  return db_.read([&](core::Conn& c) { return message_repo::next_due(c, clock_.unix_millis(), busy); });
}

std::int64_t DeliveryService::next_due_ms() const {
  return db_.read([&](core::Conn& c) { return message_repo::next_due_ms(c); });
}

int DeliveryService::deliver_due() {
  int sent = 0;
  while (auto m = next_due({})) {
    deliver(*m);
    ++sent;
  }
  return sent;
}

void DeliveryService::deliver(const Message& message) {
  const auto endpoint = db_.read([&](core::Conn& c) { return endpoint_repo::find_any(c, message.endpoint_id); });
  if (!endpoint) return;  // deleted meanwhile: its messages went with it
  const auto started = std::chrono::steady_clock::now();
  const auto sent_ms = clock_.unix_millis();
  Attempt attempt;
  attempt.message_id = message.id;
  attempt.endpoint_id = message.endpoint_id;
  attempt.trigger = message.next_trigger;
  http::FetchResult result;
  if (!endpoint->enabled) {
    result.error = "endpoint_disabled";
    result.message = "The endpoint is disabled";
  } else {
    const auto timestamp_s = sent_ms / 1000;
    http::OutboundRequest request;
    request.url = endpoint->url;
    request.body = message.body;
    request.headers = {{"Content-Type", "application/json"},
                       {"User-Agent", "Cove-Webhooks/1"},
                       {"webhook-id", message.id},
                       {"webhook-timestamp", std::to_string(timestamp_s)},
                       {"webhook-signature", signature_header(endpoints_.signing_secrets(*endpoint, sent_ms),
                                                              message.id, timestamp_s, message.body)}};
    for (const auto& h : endpoint->headers) request.headers.push_back(h);
    result = fetcher_.send(request, options_.fetch);
  }
  attempt.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  const auto now = clock_.unix_millis();
  attempt.created_ms = now;
  attempt.status = result.ok ? result.status : 0;
  attempt.error = result.ok ? "" : fmt::format("{}: {}", result.error, result.message);
  attempt.response = result.ok ? excerpt(result.body) : "";
  const bool success = result.ok && result.status >= 200 && result.status <= 299;
  const bool gone = result.ok && result.status == 410;

  results_.write([&](core::Tx& tx) {
    auto m = message_repo::find(tx, message.endpoint_id, message.id);
    auto e = endpoint_repo::find_any(tx, message.endpoint_id);
    if (!m || !e || m->status != "pending") return;  // deleted, or finished by another path
    message_repo::insert_attempt(tx, attempt);
    const bool manual = m->next_trigger != "scheduled";
    m->attempts += 1;
    m->last_status = attempt.status;
    m->last_error = attempt.error;
    m->updated_ms = now;
    m->next_trigger = "scheduled";
    if (success) {
      m->status = "delivered";
      m->next_attempt_ms = 0;
      e->failing_since_ms = 0;
    } else {
      // Retries follow the schedule by the number of attempts so far (only scheduled attempts
      // happen before a message first fails); a resend, a recovery or a test is one attempt.
      const auto retry = static_cast<std::size_t>(m->attempts) - 1;
      if (!gone && !manual && retry < options_.retry_delays.size()) {
        const auto delay = static_cast<double>(options_.retry_delays[retry].count()) * jitter_();
        m->next_attempt_ms = now + static_cast<std::int64_t>(delay);
      } else {
        m->status = "failed";
        m->next_attempt_ms = 0;
      }
      if (e->failing_since_ms == 0) e->failing_since_ms = now;
    }
    message_repo::update_state(tx, *m);
    std::string disable;
    if (gone) disable = "gone";
    else if (!success && now - e->failing_since_ms >= options_.disable_after.count()) disable = "failing";
    if (!disable.empty() && e->enabled) {
      e->enabled = false;
      e->disabled_reason = disable;
      message_repo::fail_pending(tx, e->id, "endpoint disabled", now);
      changes_.record(tx, core::Actor::system("webhooks"),
                      events::EndpointDisabled{e->org_id, e->id, e->url, disable},
                      {.org_id = e->org_id, .target_type = "webhook_endpoint", .target_id = e->id,
                       .after = {{"enabled", false}, {"reason", disable}}});
    }
    e->updated_ms = now;
    endpoint_repo::update(tx, *e);
  });
  if (!success) {
    const auto status = std::to_string(attempt.status);
    core::log::info("webhook delivery failed", {{"endpoint", message.endpoint_id}, {"message", message.id},
                                                {"status", status}, {"error", attempt.error}});
  }
}

Message DeliveryService::queue_manual(core::Tx& tx, Message m, const std::string& trigger) {
  m.status = "pending";
  m.next_attempt_ms = clock_.unix_millis();
  m.next_trigger = trigger;
  m.updated_ms = clock_.unix_millis();
  message_repo::update_state(tx, m);
  return m;
}

Message DeliveryService::send_test(const core::Actor& actor, const std::string& org_id,
                                   const std::string& endpoint_id) {
  auto queued_ping = db_.write([&](core::Tx& tx) {
    const auto e = endpoint_repo::find(tx, org_id, endpoint_id);
    if (!e) throw core::Error::not_found("webhooks.not_found", "No such webhook endpoint");
    const auto now = clock_.unix_millis();
    Message m;
    m.id = core::new_id("msg");
    m.endpoint_id = endpoint_id;
    m.type = "ping";
    m.body = body_of("ping", now, {{"endpointId", endpoint_id}, {"message", "A test event from Cove"}});
    m.status = "pending";
    m.next_attempt_ms = now;
    m.next_trigger = "test";
    m.created_ms = m.updated_ms = now;
    message_repo::insert(tx, m);
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.tested",
                                .target_type = "webhook_endpoint", .target_id = endpoint_id,
                                .after = {{"messageId", m.id}}});
    return m;
  });
  queued();
  return queued_ping;
}

Message DeliveryService::resend(const core::Actor& actor, const std::string& org_id, const std::string& endpoint_id,
                                const std::string& message_id) {
  auto resent = db_.write([&](core::Tx& tx) {
    const auto e = endpoint_repo::find(tx, org_id, endpoint_id);
    if (!e) throw core::Error::not_found("webhooks.not_found", "No such webhook endpoint");
    auto m = message_repo::find(tx, endpoint_id, message_id);
    if (!m) throw message_not_found();
    if (!e->enabled) {
      throw core::Error(409, "webhooks.endpoint_disabled", "Enable the endpoint before resending to it");
    }
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_message.resent",
                                .target_type = "webhook_endpoint", .target_id = endpoint_id,
                                .after = {{"messageId", message_id}}});
    return queue_manual(tx, *m, "resend");
  });
  queued();
  return resent;
}

int DeliveryService::recover(const core::Actor& actor, const std::string& org_id, const std::string& endpoint_id,
                             std::int64_t since_ms) {
  const auto count = db_.write([&](core::Tx& tx) {
    const auto e = endpoint_repo::find(tx, org_id, endpoint_id);
    if (!e) throw core::Error::not_found("webhooks.not_found", "No such webhook endpoint");
    if (!e->enabled) {
      throw core::Error(409, "webhooks.endpoint_disabled", "Enable the endpoint before recovering its messages");
    }
    const auto failed = message_repo::failed_since(tx, endpoint_id, since_ms, kRecoverLimit);
    for (const auto& m : failed) queue_manual(tx, m, "recover");
    changes_.record(tx, actor, {.org_id = org_id, .action = "webhook_endpoint.recovered",
                                .target_type = "webhook_endpoint", .target_id = endpoint_id,
                                .after = {{"since", core::format_rfc3339_millis(since_ms)},
                                          {"messages", failed.size()}}});
    return static_cast<int>(failed.size());
  });
  if (count > 0) queued();
  return count;
}

core::Page<Message> DeliveryService::list(const std::string& org_id, const std::string& endpoint_id,
                                          const message_repo::MessageFilter& filter,
                                          const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    if (!endpoint_repo::find(c, org_id, endpoint_id)) {
      throw core::Error::not_found("webhooks.not_found", "No such webhook endpoint");
    }
    return message_repo::list(c, endpoint_id, filter, page);
  });
}

MessageDetail DeliveryService::detail(const std::string& org_id, const std::string& endpoint_id,
                                      const std::string& message_id) const {
  return db_.read([&](core::Conn& c) {
    if (!endpoint_repo::find(c, org_id, endpoint_id)) {
      throw core::Error::not_found("webhooks.not_found", "No such webhook endpoint");
    }
    auto m = message_repo::find(c, endpoint_id, message_id);
    if (!m) throw message_not_found();
    return MessageDetail{*m, message_repo::attempts(c, message_id)};
  });
}

std::int64_t DeliveryService::prune() {
  const auto cutoff = clock_.unix_millis() - options_.log_retention.count();
  std::int64_t total = 0;
  // In slices, so the writer is never held for long.
  for (;;) {
    const auto n = db_.write([&](core::Tx& tx) { return message_repo::prune(tx, cutoff, 1000); });
    total += n;
    if (n < 1000) break;
  }
  return total;
}

}  // namespace cove::webhooks
