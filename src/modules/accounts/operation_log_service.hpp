#pragma once
// Reading the operation log (操作日志) for the consoles: an organisation's own entries
// (`audit:read`) and the operators' whole log (`platform:audit`), filtered and paged; a CSV
// export of every matching entry written to a temporary file (flat memory however long the log);
// and the chain check `cove audit verify` runs.
#include <filesystem>

#include "core/audit_log.hpp"
#include "core/audit_query.hpp"
#include "core/blob_store.hpp"
#include "core/db.hpp"

namespace cove::accounts {

class OperationLogService {
 public:
  OperationLogService(core::Db& db, const core::BlobStore& blobs) : db_(db), blobs_(blobs) {}

  core::Page<core::AuditRecord> list(const core::AuditFilter& filter, const core::PageRequest& page) const;
  // Writes the matching entries, newest first, as RFC 4180 CSV (UTF-8 with a BOM, so spreadsheet
  // programs read the Chinese text) to a fresh temporary file and returns its path; the caller
  // sends it and removes it. At most kMaxExportRows rows (a note row says when it was cut).
  std::filesystem::path export_csv(const core::AuditFilter& filter, const core::PageRequest& range) const;
  core::AuditVerifyResult verify() const { return core::AuditLog::verify(db_); }

  static constexpr std::int64_t kMaxExportRows = 5'000'000;

 private:
  core::Db& db_;
  const core::BlobStore& blobs_;
};

}  // namespace cove::accounts
