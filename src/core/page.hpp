#pragma once
// Pagination for list endpoints (DESIGN.md §4): `limit` (default 50, max 200) and either an
// opaque cursor carrying the sort key of the last item returned (keyset: pages stay stable while
// rows are added — what scripts walking a whole list use) or an `offset` (what a console's
// numbered pages and page jump use; bounded, so a deep jump costs at most kMaxPageOffset rows).
// Every list also answers its `total`: an indexed count(*) under the same filters. Every list can
// be narrowed to a time range of its own time column (`?from=` inclusive, `?to=` exclusive,
// RFC 3339): the range travels with the page because every list is ordered by that column.
// The HTTP side (reading ?limit=&cursor=&offset=, writing {items, nextCursor, total}) is in
// http/query_input.hpp and http/list_response.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Statement;
}

namespace cove::core {

struct PageKey {
  std::int64_t ms = 0;  // the time column the list is ordered by
  std::string id;       // tie-breaker
};

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 200;
inline constexpr std::int64_t kMaxPageOffset = 1'000'000;

struct PageRequest {
  int limit = kDefaultPageLimit;
  std::optional<PageKey> after;  // a cursor and an offset exclude each other
  std::int64_t offset = 0;
  std::optional<std::int64_t> from_ms;  // rows at or after this time (Unix milliseconds)
  std::optional<std::int64_t> to_ms;    // rows strictly before this time
};

// The page's SQL for Conn::query_page: `range` narrows the filtered rows to the page's time range
// (it goes into the count too, so `total` matches), `order` is the keyset condition, ORDER BY,
// LIMIT and OFFSET.
struct PageSql {
  std::string range;
  std::string order;
};

// One page of a list: the rows (limit + 1 of them at most, see bind_one) and how many rows match
// the list's filters in all.
template <class T>
struct Page {
  std::vector<T> rows;
  std::int64_t total = 0;
};

std::string encode_cursor(const PageKey& key);
std::optional<PageKey> decode_cursor(std::string_view cursor);

// A page binds six parameters, for a statement written as
//   "... AND (?N+4 IS NULL OR ms >= ?N+4) AND (?N+5 IS NULL OR ms < ?N+5)"            (range)
//   " AND (?N IS NULL OR ms < ?N OR (ms = ?N AND id < ?N+1)) ORDER BY ... LIMIT ?N+2 OFFSET ?N+3"
// (or with > for ascending lists): ?N and ?N+1 get the cursor's sort key, NULL without a cursor
// (which switches the condition off, so one cached statement serves every page), ?N+2 gets
// limit + 1 — the extra row only tells that another page exists — ?N+3 the offset, and ?N+4,
// ?N+5 the time range (NULL: unbounded). Used by core::bind_all, so a page request is one
// argument of Conn::query_all. The count binds the same six: the numbered slots it does not use
// exist (SQLite sizes them by the largest number) and are ignored.
void bind_one(SQLite::Statement& st, int& index, const PageRequest& page);
// That SQL for a list ordered newest first by `<prefix>created_ms`, `<prefix><id_column>`
// (prefix "a." or ""; the tie-breaker is the row's key: id, or app_id for associations).
PageSql newest_first_page_sql(std::string_view prefix, int first_index, std::string_view id_column = "id");
// The same for a list ordered oldest first (members are keyed by user_id).
PageSql oldest_first_page_sql(std::string_view prefix, int first_index, std::string_view id_column = "id");

// A LIKE pattern matching `text` anywhere, its % and _ taken literally (use with ESCAPE '\').
std::string like_contains(std::string_view text);

}  // namespace cove::core
