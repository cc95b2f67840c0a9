#include "modules/notify/notification_model.hpp"

#include "core/clock.hpp"
#include "modules/notify/notification_kinds.hpp"

namespace cove::notify {

nlohmann::json to_json(const Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"category", n.category},
          {"severity", n.severity},
          {"orgId", n.org_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.org_id)},
          {"title", n.title},
          {"body", n.body},
          {"link", n.link},
          {"data", n.data},
          {"read", n.read_ms > 0},
          {"createdAt", core::format_rfc3339_millis(n.created_ms)},
          {"readAt", n.read_ms > 0 ? nlohmann::json(core::format_rfc3339_millis(n.read_ms)) : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const Preferences& p) {
  auto items = nlohmann::json::array();
  for (const auto& k : p.kinds) {
    const auto* kind = find_kind(k.kind);
    items.push_back({{"kind", k.kind},
                     {"category", kind ? kind->category : ""},
                     {"security", kind && kind->security},
                     {"inbox", k.inbox},
                     {"email", k.email}});
  }
  return {{"language", p.language}, {"items", std::move(items)}};
}

}  // namespace cove::notify
