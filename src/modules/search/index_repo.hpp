#pragma once
// SQL of the search index (migrations/0060_search_index.sql, and search_fts, the FTS5 table this
// module creates with its tokenizer). No ranking rules here (search_service.hpp). Every function
// registers the tokenizer on its connection first (fts_tokenizer.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::search {

// Bumped when the tokenizer or the columns change: the index is rebuilt at the next start.
inline constexpr int kIndexFormat = 1;

// What one mini-program contributes to the index.
struct IndexDoc {
  std::string app_id, org_id, org_name, name, summary, category, status, offline_by, security_rating;
  std::string released_version;
  std::vector<std::string> tags, host_app_ids;
  bool has_icon = false, has_contracts = false;
  std::int64_t released_ms = 0, updated_ms = 0;
  // FTS columns: name, tags, body (summary and description), extra (category, organisation,
  // page titles, contract names).
  std::string fts_tags, fts_body, fts_extra;
};

// A matched document with what ranking and the answer need.
struct Hit {
  std::int64_t doc = 0;
  std::string app_id, org_id, org_name, name, name_folded, name_pinyin, name_initials, summary, category, status;
  std::string security_rating, released_version;
  bool has_icon = false, has_contracts = false;
  std::int64_t released_ms = 0, updated_ms = 0;
  double bm25 = 0;
  std::string name_marked, snippet_marked;  // kMarkOpen/kMarkClose around matched tokens
};

// Reads a row of index_repo::match (found by core::Conn::query_all through ADL).
void read_row(core::Row& r, Hit& h);

inline constexpr const char* kMarkOpen = "\x02";
inline constexpr const char* kMarkClose = "\x03";

// Who may see a hit, and the answer's filters.
struct Scope {
  std::optional<std::string> host_app_id;  // runtime: associated, online, released
  std::optional<std::string> org_id;       // console: an organisation's own
  std::optional<std::string> status, category, tag, filter_org_id;
};

namespace index_repo {

bool fts_exists(core::Conn& c);
std::optional<std::string> state(core::Conn& c, const std::string& key);
void set_state(core::Tx& tx, const std::string& key, const std::string& value);
// Drops and recreates search_fts and empties the document tables (a new format).
void recreate(core::Tx& tx);

void upsert(core::Tx& tx, const IndexDoc& d, std::int64_t now_ms);
void remove(core::Tx& tx, const std::string& app_id);
// Documents not refreshed since `before_ms` (their mini-programs are gone): removed, count.
int remove_stale(core::Tx& tx, std::int64_t before_ms);
void remove_host(core::Tx& tx, const std::string& host_app_id);
std::vector<std::string> app_ids_of_org(core::Conn& c, const std::string& org_id);
std::int64_t count(core::Conn& c);

// At most `limit` hits of an FTS5 MATCH expression in scope, best bm25 first (without marks).
std::vector<Hit> match(core::Conn& c, const std::string& expression, const Scope& scope, int limit);
// The highlighted name and description snippet of one matched document (computed for a page's
// rows only: FTS5's highlight() and snippet() are the expensive part of a broad match).
std::pair<std::string, std::string> marks(core::Conn& c, const std::string& expression, std::int64_t doc);
// Facet counts of the match in scope: (value, count) by status, category, org_id.
std::vector<std::pair<std::string, std::int64_t>> facet(core::Conn& c, const std::string& expression,
                                                        const Scope& scope, const std::string& column);
// Latin words of first letter `head` and length in [min_len, max_len] (typo candidates).
std::vector<std::string> terms(core::Conn& c, const std::string& head, int min_len, int max_len);

void add_queries(core::Tx& tx, const std::vector<std::pair<std::string, std::int64_t>>& counts, std::int64_t now_ms);
// Popular queries starting with `prefix`, most searched first.
std::vector<std::string> popular_queries(core::Conn& c, const std::string& prefix, int limit);

}  // namespace index_repo

}  // namespace cove::search
