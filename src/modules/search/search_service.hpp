#pragma once
// Searching the index (docs/search.md): the query plan's tiers, ranking, highlighting and
// paging for host apps (runtime) and the consoles. No HTTP types.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/db.hpp"
#include "modules/search/index_repo.hpp"
#include "modules/search/query_plan.hpp"

namespace cove::search {

inline constexpr int kMaxCandidates = 500;  // ranked per query; deeper pages are not served
inline constexpr int kMaxPageSize = 50;

struct SearchRequest {
  std::string q;
  Scope scope;
  int limit = 20;
  int offset = 0;  // from the cursor
};

struct Ranked {
  Hit hit;
  int name_tier = 3;  // 0 exact name, 1 name prefix, 2 name contains the query, 3 elsewhere
  int phase = 0;      // 0 every word, 1 every word allowing typos, 2 some words
};

struct SearchResult {
  std::vector<Ranked> page;
  std::optional<int> next_offset;
  std::size_t total = 0;  // candidates ranked (at most kMaxCandidates)
};

class SearchService {
 public:
  SearchService(core::Db& db, const core::Clock& clock) : db_(db), clock_(clock) {}

  // Throws 400 validation_failed (field q) for an empty, too long or wordless query.
  QueryPlan plan(core::Conn& c, const std::string& q) const;
  SearchResult search(const SearchRequest& r) const;
  // Type-ahead: names of matching mini-programs in scope, then popular queries, at most `limit`.
  std::vector<std::string> suggest(const std::string& q, const Scope& scope, int limit) const;
  // Facet counts of the query in scope (console): status, category, orgId.
  nlohmann::json facets(const std::string& q, const Scope& scope) const;

  // Runtime queries are counted in memory and written in batches (flush_queries, a job).
  void count_query(const std::string& q);
  void flush_queries();

  // "<em>"-highlighted HTML from text with kMarkOpen/kMarkClose marks; everything else escaped.
  static std::string marked_to_html(const std::string& marked);
  // Cursor ⇄ offset (opaque to clients).
  static std::string cursor_of(int offset);
  static std::optional<int> offset_of(const std::string& cursor);

 private:
  core::Db& db_;
  const core::Clock& clock_;
  mutable std::mutex queries_mutex_;
  std::unordered_map<std::string, std::int64_t> pending_queries_;
};

}  // namespace cove::search
