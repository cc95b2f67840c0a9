#pragma once
// Reading the operation log (操作日志): the filtered, paged list the consoles show, the same rows
// streamed for a CSV export, and the retention pruning that keeps the chain verifiable. Writing
// stays in core/audit_log.hpp.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/page.hpp"

namespace cove::core {

struct AuditRecord {
  std::int64_t id = 0;
  std::string at;  // RFC 3339 UTC, milliseconds
  std::string actor_kind;
  std::string actor_id;
  std::string actor_name;
  std::string org_id;
  std::string action;
  std::string target_type;
  std::string target_id;
  nlohmann::json before;
  nlohmann::json after;
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct AuditFilter {
  // The tenancy scope: an organisation's own entries. Unset only for the operators' whole log,
  // where `org_id` below may narrow it ("" = platform-level entries).
  std::optional<std::string> scope_org_id;
  std::optional<std::string> org_id;
  std::optional<std::string> actor_id;
  std::optional<std::string> action;  // exact, or every action of a family when it ends in '.' ("app.")
  std::optional<std::string> target_type;
  std::optional<std::string> target_id;
  std::optional<std::string> result;  // "success" or "failure" (see is_failure_action)
};

// Whether an entry records something refused or failed rather than a change (a wrong password,
// a lockout, a reused refresh token): actions ending in "_failed", "_denied" or "_reused", and
// "auth.locked".
bool is_failure_action(std::string_view action);

// Newest first. The page's time range applies to the entry's time; a cursor is an entry id.
Page<AuditRecord> list_audit(Conn& c, const AuditFilter& filter, const PageRequest& page);
// The cursor of the next page after `record` (for http::page_json's key_of).
PageKey audit_page_key(const AuditRecord& record);
// Every entry the filter and range match, newest first, one row in memory at a time.
void for_each_audit(Conn& c, const AuditFilter& filter, const PageRequest& range,
                    const std::function<void(const AuditRecord&)>& fn);

nlohmann::json to_json(const AuditRecord& r);

}  // namespace cove::core
