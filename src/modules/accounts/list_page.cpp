#include "modules/accounts/list_page.hpp"

#include <charconv>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace cove::accounts {

namespace {
constexpr std::size_t kMaxCursorChars = 200;
}  // namespace

std::string encode_cursor(const PageKey& key) {
  return core::crypto::base64url(std::to_string(key.ms) + "|" + key.id);
}

std::optional<PageKey> decode_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > kMaxCursorChars) return std::nullopt;
  std::string text;
  try {
    text = core::crypto::from_base64url(cursor);
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

void bind_page(SQLite::Statement& st, int first_index, const PageRequest& page) {
  if (page.after) {
    st.bind(first_index, page.after->ms);
    st.bind(first_index + 1, page.after->id);
  } else {
    st.bind(first_index);
    st.bind(first_index + 1);
  }
  st.bind(first_index + 2, page.limit + 1);
}

std::string newest_first_page_sql(std::string_view prefix, int first_index) {
  return fmt::format(
      " AND (?{1} IS NULL OR {0}created_ms < ?{1} OR ({0}created_ms = ?{1} AND {0}id < ?{2})) "
      "ORDER BY {0}created_ms DESC, {0}id DESC LIMIT ?{3}",
      prefix, first_index, first_index + 1, first_index + 2);
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

PageRequest read_page_request(const http::Request& req) {
  PageRequest page;
  core::FieldErrors errors;
  if (auto limit = req.query_param("limit")) {
    int n = 0;
    const auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 || n > kMaxPageLimit) {
      errors.add("limit", "out_of_range", fmt::format("Must be an integer between 1 and {}", kMaxPageLimit));
    } else {
      page.limit = n;
    }
  }
  if (auto cursor = req.query_param("cursor")) {
    page.after = decode_cursor(*cursor);
    if (!page.after) errors.add("cursor", "invalid", "Not a cursor this list returned");
  }
  errors.throw_if_any();
  return page;
}

}  // namespace cove::accounts
