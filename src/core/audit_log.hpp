#pragma once
// The operation log (操作日志, DESIGN.md §5). record() runs inside the transaction of the change it
// describes. Each entry stores the SHA-256 of the previous entry's hash and its own canonical
// content, so editing or deleting any row breaks the chain from there on; verify() finds where.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"

namespace cove::core {

struct AuditEntry {
  std::string org_id;       // "" for platform-level actions
  std::string action;       // "org.approved", "auth.login_failed", …
  std::string target_type;  // "org", "app", "version", …
  std::string target_id;
  nlohmann::json before = nullptr;  // short summaries, never secrets
  nlohmann::json after = nullptr;
};

struct AuditVerifyResult {
  bool ok = true;
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad_id;  // the first entry whose hash does not match
  std::string reason;
  // The newest entry's hash. The chain only proves the log is internally consistent; keeping
  // this value elsewhere (and comparing later) also detects a rewrite of the whole chain or
  // removal of the newest entries.
  std::string head_hash;
  // Entries up to this id were removed by retention pruning (0: none); the chain starts after them.
  std::int64_t pruned_through = 0;
};

struct AuditPruneResult {
  std::int64_t removed = 0;
  std::int64_t through_id = 0;  // the last removed entry (0 when nothing was due)
};

class AuditLog {
 public:
  explicit AuditLog(const Clock& clock) : clock_(clock) {}
  // Appends an entry in `tx` and returns its id. The actor supplies who, IP, user agent and
  // request id (clipped to 64, 512 and 128 bytes). Entries are serialised by the single writer,
  // so the chain has no forks.
  std::int64_t record(Tx& tx, const Actor& actor, const AuditEntry& entry);
  static AuditVerifyResult verify(Db& db);
  // Retention: removes the entries older than `cutoff_ms` (Unix milliseconds) in one transaction
  // and appends an `audit.pruned` checkpoint entry recording the id and hash of the last removed
  // one, so verify() still checks the remaining chain from its first link: the checkpoint is
  // itself chained, and any other missing entry is still a gap.
  AuditPruneResult prune(Db& db, std::int64_t cutoff_ms);

 private:
  const Clock& clock_;
};

}  // namespace cove::core
