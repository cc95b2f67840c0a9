#pragma once
// The list answer of every list endpoint (DESIGN.md §4):
//   {"items": [...], "nextCursor": "…" | null, "total": N}
// The rows were fetched with LIMIT page.limit + 1 (core/page.hpp): the extra row only tells that
// another page exists, and its predecessor's key becomes the cursor. `total` counts every row the
// list's filters match (a console shows 共 N 条 and numbered pages from it).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "core/page.hpp"

namespace cove::http {

template <class Row, class KeyOf, class ToJson>
nlohmann::json page_json(core::Page<Row> found, const core::PageRequest& page, KeyOf key_of, ToJson to_json) {
  auto& rows = found.rows;
  nlohmann::json next = nullptr;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    rows.resize(static_cast<std::size_t>(page.limit));
    next = core::encode_cursor(key_of(rows.back()));
  }
  auto items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(to_json(r));
  return {{"items", std::move(items)}, {"nextCursor", std::move(next)}, {"total", found.total}};
}

// The same document as page_json(), written straight to text by `write_row(writer, row)`: for
// lists on hot paths, where building the tree costs more than the query (core/json_writer.hpp).
template <class Row, class KeyOf, class WriteRow>
std::string page_text(core::Page<Row> found, const core::PageRequest& page, KeyOf key_of, WriteRow write_row) {
  auto& rows = found.rows;
  std::optional<std::string> next;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    rows.resize(static_cast<std::size_t>(page.limit));
    next = core::encode_cursor(key_of(rows.back()));
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
  w.key("total").number(found.total);
  w.end_object();
  return text;
}

}  // namespace cove::http
