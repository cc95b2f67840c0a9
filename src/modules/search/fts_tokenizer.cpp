#include "modules/search/fts_tokenizer.hpp"

#include <new>
#include <stdexcept>
#include <string_view>

#include "modules/search/text_analyzer.hpp"

namespace cove::search {

namespace {

struct Instance {
  int unused = 0;
};

int create(void* /*ctx*/, const char** /*args*/, int /*n*/, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new (std::nothrow) Instance{});
  return *out ? SQLITE_OK : SQLITE_NOMEM;
}

void destroy(Fts5Tokenizer* t) { delete reinterpret_cast<Instance*>(t); }

int tokenize(Fts5Tokenizer* /*t*/, void* ctx, int flags, const char* text, int n,
             int (*token)(void*, int, const char*, int, int, int)) {
  if (!text || n <= 0) return SQLITE_OK;
  std::string_view view(text, static_cast<std::size_t>(n));
  AnalyzeOptions options;
  options.query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  if (view.front() == kPlainMarker) options.pinyin = false;
  try {
    return analyze(view, options, [&](const Token& t) {
      return token(ctx, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(), static_cast<int>(t.text.size()),
                   t.start, t.end);
    });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

fts5_api* fts5_of(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) != SQLITE_OK) {
    throw std::runtime_error("search: this SQLite has no FTS5");
  }
  sqlite3_bind_pointer(st, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(st);
  sqlite3_finalize(st);
  if (!api || api->iVersion < 2) throw std::runtime_error("search: this SQLite has no usable FTS5");
  return api;
}

}  // namespace

void ensure_tokenizer(sqlite3* db) {
  fts5_api* api = fts5_of(db);
  void* user = nullptr;
  fts5_tokenizer found{};
  if (api->xFindTokenizer(api, kTokenizerName, &user, &found) == SQLITE_OK) return;
  fts5_tokenizer t{&create, &destroy, &tokenize};
  if (api->xCreateTokenizer(api, kTokenizerName, nullptr, &t, nullptr) != SQLITE_OK) {
    throw std::runtime_error("search: cannot register the FTS5 tokenizer");
  }
}

}  // namespace cove::search
