#pragma once
// A notification in a user's inbox (通知中心) and a user's preferences.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::notify {

struct Notification {
  std::string id;  // ntf_…
  std::string user_id;
  std::int64_t event_id = 0;
  std::string kind, category, severity;
  std::string org_id;  // "" when it concerns no organisation
  std::string title, body, link;
  nlohmann::json data = nlohmann::json::object();  // the event's payload
  std::int64_t created_ms = 0;
  std::int64_t read_ms = 0;  // 0 = unread
  bool operator==(const Notification&) const = default;
};

nlohmann::json to_json(const Notification& n);

// One kind's choice; a kind without a stored row uses its defaults (inbox on, e-mail per kind).
struct KindPreference {
  std::string kind;
  bool inbox = true;
  bool email = false;
  bool operator==(const KindPreference&) const = default;
};

struct Preferences {
  std::string language;  // zh-CN or en-US
  std::vector<KindPreference> kinds;  // every kind of the catalogue, in its order
};

nlohmann::json to_json(const Preferences& p);

}  // namespace cove::notify
