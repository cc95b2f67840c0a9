#include "core/page.hpp"

#include <charconv>
#include <stdexcept>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::core {

namespace {
constexpr std::size_t kMaxCursorChars = 200;
}  // namespace

std::string encode_cursor(const PageKey& key) { return crypto::base64url(std::to_string(key.ms) + "|" + key.id); }

std::optional<PageKey> decode_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > kMaxCursorChars) return std::nullopt;
  std::string text;
  try {
    text = crypto::from_base64url(cursor);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  const auto bar = text.find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 == text.size()) return std::nullopt;
  PageKey key;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + bar, key.ms);
  if (ec != std::errc() || end != text.data() + bar) return std::nullopt;
  key.id = text.substr(bar + 1);
  return key;
}

void bind_one(SQLite::Statement& st, int& index, const PageRequest& page) {
  if (page.after) {
    st.bind(index, page.after->ms);
    st.bind(index + 1, page.after->id);
  } else {
    st.bind(index);
    st.bind(index + 1);
  }
  st.bind(index + 2, page.limit + 1);
  st.bind(index + 3, page.offset);
  if (page.from_ms) {
    st.bind(index + 4, *page.from_ms);
  } else {
    st.bind(index + 4);
  }
  if (page.to_ms) {
    st.bind(index + 5, *page.to_ms);
  } else {
    st.bind(index + 5);
  }
  index += 6;
}

namespace {
std::string range_sql(std::string_view prefix, int first_index) {
  return fmt::format(" AND (?{1} IS NULL OR {0}created_ms >= ?{1}) AND (?{2} IS NULL OR {0}created_ms < ?{2})", prefix,
                     first_index + 4, first_index + 5);
}
}  // namespace

PageSql newest_first_page_sql(std::string_view prefix, int first_index, std::string_view id_column) {
  return {range_sql(prefix, first_index), fmt::format(
      " AND (?{2} IS NULL OR {0}created_ms < ?{2} OR ({0}created_ms = ?{2} AND {0}{1} < ?{3})) "
      "ORDER BY {0}created_ms DESC, {0}{1} DESC LIMIT ?{4} OFFSET ?{5}",
      prefix, id_column, first_index, first_index + 1, first_index + 2, first_index + 3)};
}

PageSql oldest_first_page_sql(std::string_view prefix, int first_index, std::string_view id_column) {
  return {range_sql(prefix, first_index), fmt::format(
      " AND (?{2} IS NULL OR {0}created_ms > ?{2} OR ({0}created_ms = ?{2} AND {0}{1} > ?{3})) "
      "ORDER BY {0}created_ms, {0}{1} LIMIT ?{4} OFFSET ?{5}",
      prefix, id_column, first_index, first_index + 1, first_index + 2, first_index + 3)};
}

std::string like_contains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

}  // namespace cove::core
