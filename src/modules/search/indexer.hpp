#pragma once
// Keeps the search index current: one mini-program at a time when the outbox says it changed,
// everything when the index is new, of an older format, or an operator asks (`cove search
// reindex`, POST /api/v1/platform/search/reindex). A rebuild refreshes documents in place, in
// batches of kBatch mini-programs per transaction, so searches keep answering while it runs, the
// writer is never held for long, and memory stays flat whatever the catalogue's size.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/search/index_repo.hpp"

namespace cove::search {

struct RebuildResult {
  std::int64_t documents = 0;
  std::int64_t removed = 0;
  std::int64_t millis = 0;
};

class Indexer {
 public:
  static constexpr int kBatch = 500;

  Indexer(core::Db& db, const core::Clock& clock, apps::AppsApi& apps, accounts::AccountsApi& accounts)
      : db_(db), clock_(clock), apps_(apps), accounts_(accounts) {}

  // Creates the FTS table when it is missing or of another format. True when the index needs a
  // full rebuild (new, recreated, or a rebuild that did not finish).
  bool prepare();
  void index_app(const std::string& app_id);
  void index_org(const std::string& org_id);
  void remove_host(const std::string& host_app_id);
  // `progress(done)` after each batch.
  RebuildResult rebuild(const std::function<void(std::int64_t)>& progress = {});

  // The document of one mini-program (exposed for tests).
  static IndexDoc document_of(const apps::SearchSource& s, const std::string& org_name);

 private:
  core::Db& db_;
  const core::Clock& clock_;
  apps::AppsApi& apps_;
  accounts::AccountsApi& accounts_;
};

}  // namespace cove::search
