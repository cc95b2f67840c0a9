#pragma once
// The operation-log entry of a change to one object of the apps module, for
// core::ChangeLog::record: an empty `action` takes the topic of the event recorded with it.
#include <string>

#include <nlohmann/json.hpp>

#include "core/audit_log.hpp"

namespace cove::apps {

// `org_id` is "" for platform-wide objects (base libraries).
inline core::AuditEntry change_entry(std::string org_id, std::string target_type, std::string target_id,
                                     nlohmann::json before, nlohmann::json after, std::string action = {}) {
  return {.org_id = std::move(org_id),
          .action = std::move(action),
          .target_type = std::move(target_type),
          .target_id = std::move(target_id),
          .before = std::move(before),
          .after = std::move(after)};
}

}  // namespace cove::apps
