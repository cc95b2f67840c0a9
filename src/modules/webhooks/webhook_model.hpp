#pragma once
// Endpoints, messages and attempts as stored, and their JSON. A secret never appears in to_json:
// it is answered once, when created or rotated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::webhooks {

inline constexpr std::size_t kMaxEndpointsHardLimit = 100;  // the quota's ceiling
inline constexpr std::size_t kMaxEventPatterns = 100;
inline constexpr std::size_t kMaxAppIds = 100;
inline constexpr std::size_t kMaxHeaders = 20;
inline constexpr std::size_t kMaxUrlChars = 2000;

struct Endpoint {
  std::string id;
  std::string org_id;  // "" for the platform's
  std::string url;
  std::string description;
  std::vector<std::string> events;
  std::vector<std::string> app_ids;
  std::vector<std::pair<std::string, std::string>> headers;
  bool enabled = true;
  std::string disabled_reason;  // "gone", "failing" or ""
  std::string secret_sealed;
  std::string old_secret_sealed;
  std::int64_t old_secret_until_ms = 0;
  std::int64_t failing_since_ms = 0;
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// Delivery health over the recent attempts, for the list's 健康 column.
struct EndpointHealth {
  std::int64_t attempts = 0;   // in the last 24 hours
  std::int64_t succeeded = 0;
  std::int64_t pending = 0;    // messages waiting for a (re)try
  std::int64_t last_failure_ms = 0;
  std::string last_failure;    // "HTTP 500" or the error
};

struct Message {
  std::string id;
  std::string endpoint_id;
  std::int64_t event_id = 0;  // 0: a test ping
  std::string type;
  std::string app_id;
  std::string body;
  std::string status;  // pending, delivered, failed
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;
  std::string next_trigger = "scheduled";  // the next attempt: scheduled (a retry), resend, recover, test
  int last_status = 0;
  std::string last_error;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

struct Attempt {
  std::int64_t id = 0;
  std::string message_id;
  std::string endpoint_id;
  std::string trigger;  // scheduled, resend, recover, test
  int status = 0;       // 0: no answer
  std::string error;
  std::string response;
  std::int64_t duration_ms = 0;
  std::int64_t created_ms = 0;
};

nlohmann::json to_json(const Endpoint& e, const EndpointHealth& health);
nlohmann::json to_json(const Message& m, bool with_body);
nlohmann::json to_json(const Attempt& a);
// The operation log's short summary (no secret, no header values: they may hold tokens).
nlohmann::json summary_of(const Endpoint& e);

}  // namespace cove::webhooks
