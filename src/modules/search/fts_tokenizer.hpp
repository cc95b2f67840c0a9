#pragma once
// The FTS5 tokenizer "cove" (text_analyzer.hpp) on a SQLite connection. FTS5 tokenizers are
// registered per connection; the database's connections are opened before any module exists, so
// search calls ensure_tokenizer() on the connection it is about to use (a lookup when it is there).
// A text starting with kPlainMarker (U+001F) is analysed without pinyin: the description column,
// whose pinyin would only add noise and index size.
#include <sqlite3.h>

namespace cove::search {

inline constexpr char kPlainMarker = '\x1f';
inline constexpr const char* kTokenizerName = "cove";

// Throws std::runtime_error when SQLite has no FTS5.
void ensure_tokenizer(sqlite3* db);

}  // namespace cove::search
