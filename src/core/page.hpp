#pragma once
// Keyset pagination for list endpoints (DESIGN.md §4): `limit` (default 50, max 200) and an
// opaque cursor carrying the sort key of the last item returned, so pages stay stable while rows
// are added. The HTTP side (reading ?limit=&cursor=, writing {items, nextCursor}) is in
// http/query_input.hpp and http/list_response.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

struct PageRequest {
  int limit = kDefaultPageLimit;
  std::optional<PageKey> after;
};

std::string encode_cursor(const PageKey& key);
std::optional<PageKey> decode_cursor(std::string_view cursor);

// A page binds three parameters, for a statement written as
//   "... AND (?N IS NULL OR ms < ?N OR (ms = ?N AND id < ?N+1)) ORDER BY ... LIMIT ?N+2"
// (or with > for ascending lists): ?N and ?N+1 get the cursor's sort key, NULL on the first page
// (which switches the condition off, so one cached statement serves every page), and ?N+2 gets
// limit + 1 — the extra row only tells that another page exists. Used by core::bind_all, so a
// page request is one argument of Conn::query_all.
void bind_one(SQLite::Statement& st, int& index, const PageRequest& page);
// That clause for a list ordered newest first by `<prefix>created_ms`, `<prefix>id` ("a." or "").
std::string newest_first_page_sql(std::string_view prefix, int first_index);

// A LIKE pattern matching `text` anywhere, its % and _ taken literally (use with ESCAPE '\').
std::string like_contains(std::string_view text);

}  // namespace cove::core
