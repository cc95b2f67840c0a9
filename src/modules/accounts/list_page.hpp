#pragma once
// Keyset pagination for this module's list endpoints (DESIGN.md §4): `limit` (default 50, max
// 200) and an opaque `cursor`, answered as {"items": [...], "nextCursor": "..." | null}. The cursor
// carries the sort key of the last item returned, so pages stay stable while rows are added.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "http/types.hpp"

namespace SQLite {
class Statement;
}

namespace cove::accounts {

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

// Reads ?limit= and ?cursor=; throws 400 `validation_failed` naming the bad parameter.
PageRequest read_page_request(const http::Request& req);
std::string encode_cursor(const PageKey& key);
std::optional<PageKey> decode_cursor(std::string_view cursor);

// Binds a keyset page to a statement written as
//   "... AND (?N IS NULL OR ms < ?N OR (ms = ?N AND id < ?N+1)) ORDER BY ... LIMIT ?N+2"
// (or with > for ascending lists): ?N and ?N+1 get the cursor's sort key, NULL on the first page
// (which switches the condition off, so one cached statement serves every page), and ?N+2 gets
// page.limit + 1 — the extra row only tells that another page exists.
void bind_page(SQLite::Statement& st, int first_index, const PageRequest& page);
// That clause for a list ordered newest first by `<prefix>created_ms`, `<prefix>id` ("a." or "").
std::string newest_first_page_sql(std::string_view prefix, int first_index);

// A LIKE pattern matching `text` anywhere, its % and _ taken literally (use with ESCAPE '\').
std::string like_contains(std::string_view text);

// `rows` were fetched with LIMIT page.limit + 1: the extra row only tells that another page exists.
template <class Row, class KeyOf, class ToJson>
nlohmann::json page_json(std::vector<Row> rows, const PageRequest& page, KeyOf key_of, ToJson to_json) {
  nlohmann::json next = nullptr;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    rows.resize(static_cast<std::size_t>(page.limit));
    next = encode_cursor(key_of(rows.back()));
  }
  auto items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", std::move(items)}, {"nextCursor", std::move(next)}};
}

// The same document as page_json(), written straight to text by `write_row(writer, row)`: for
// lists on hot paths, where building the tree costs more than the query (core/json_writer.hpp).
template <class Row, class KeyOf, class WriteRow>
std::string page_text(std::vector<Row> rows, const PageRequest& page, KeyOf key_of, WriteRow write_row) {
  std::optional<std::string> next;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    rows.resize(static_cast<std::size_t>(page.limit));
    next = encode_cursor(key_of(rows.back()));
  }
  std::string text;
  text.reserve(64 + rows.size() * 512);  // about one organisation's size: one allocation per page
  core::JsonWriter w(text);
  w.begin_object().key("items").begin_array();
  for (const auto& r : rows) write_row(w, r);
  w.end_array().key("nextCursor");
  if (next)
    w.string(*next);
  else
    w.null();
  w.end_object();
  return text;
}

}  // namespace cove::accounts
