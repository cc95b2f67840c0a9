#pragma once
// Schema migrations: migrations/NNNN_<module>_<what>.sql, embedded at build time, applied in
// order in one transaction and recorded in `schema_migrations` with a SHA-256 checksum. An
// applied migration whose text has changed stops start-up (MigrationError names the file).
// Because everything runs in one transaction with foreign keys on, a migration must not contain
// BEGIN/COMMIT, and PRAGMAs that are no-ops inside a transaction (foreign_keys) do nothing;
// rebuild tables with PRAGMA defer_foreign_keys and the documented 12-step procedure.
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/embedded.hpp"

namespace cove::core {

class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MigrationStatus {
  std::vector<std::string> applied_now;  // names applied by this call
  int total = 0;                         // migrations known to this binary
};

// Applies every pending migration from `files` (sorted by name). Throws MigrationError on a
// checksum mismatch, a malformed name, or a database that has migrations this binary lacks
// (a newer binary ran on this data directory).
MigrationStatus apply_migrations(Db& db, std::span<const EmbeddedFile> files);
// True when every migration in `files` is recorded as applied with a matching checksum.
bool migrations_current(Db& db, std::span<const EmbeddedFile> files);

}  // namespace cove::core
