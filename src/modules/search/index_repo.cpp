#include "modules/search/index_repo.hpp"

#include <stdexcept>

#include "modules/search/fts_tokenizer.hpp"
#include "modules/search/text_analyzer.hpp"

namespace cove::search {

void read_row(core::Row& r, Hit& h) {
  r.read(h.doc, h.app_id, h.org_id, h.org_name, h.name, h.name_folded, h.name_pinyin, h.name_initials, h.summary,
         h.category, h.status, h.security_rating, h.released_version, h.has_icon, h.has_contracts, h.released_ms,
         h.updated_ms, h.bm25);
}

}  // namespace cove::search

namespace cove::search::index_repo {

namespace {

void ready(core::Conn& c) { ensure_tokenizer(c.raw().getHandle()); }

// Latin words of three to 32 ASCII letters: the words a typo could be made in.
template <class F>
void for_each_latin_word(const std::string& text, F&& fn) {
  for (const auto& w : query_words(text)) {
    if (w.kind != QueryWord::Kind::kLatin || w.text.size() < 3 || w.text.size() > 32) continue;
    bool letters = true;
    for (char ch : w.text) letters = letters && ch >= 'a' && ch <= 'z';
    if (letters) fn(w.text);
  }
}

// The scope's conditions on d (search_docs) after the MATCH (?1); arguments follow from ?2.
std::string where_scope(const Scope& s, core::SqlArgs& args) {
  std::string sql;
  int n = 2;
  const auto param = [&] {
    std::string p = "?";
    p += std::to_string(n++);
    return p;
  };
  if (s.host_app_id) {
    // What the runtime may serve: online with a released version, associated with the caller.
    sql += " AND d.status = 'online' AND d.released_version <> '' AND EXISTS (SELECT 1 FROM search_hosts h "
           "WHERE h.host_app_id = " + param() + " AND h.doc = d.doc)";
    args.add(*s.host_app_id);
  }
  if (s.org_id) {
    sql += " AND d.org_id = " + param();
    args.add(*s.org_id);
  }
  if (s.status) {
    sql += " AND d.status = " + param();
    args.add(*s.status);
  }
  if (s.category) {
    sql += " AND d.category = " + param();
    args.add(*s.category);
  }
  if (s.filter_org_id) {
    sql += " AND d.org_id = " + param();
    args.add(*s.filter_org_id);
  }
  if (s.tag) {
    sql += " AND EXISTS (SELECT 1 FROM search_doc_tags t WHERE t.tag = " + param() + " AND t.doc = d.doc)";
    args.add(*s.tag);
  }
  return sql;
}


}  // namespace

bool fts_exists(core::Conn& c) {
  return c.query_one<std::string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'")
      .has_value();
}

std::optional<std::string> state(core::Conn& c, const std::string& key) {
  return c.query_one<std::string>("SELECT value FROM search_state WHERE key = ?1", key);
}

void set_state(core::Tx& tx, const std::string& key, const std::string& value) {
  tx.exec("INSERT INTO search_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", key,
          value);
}

void recreate(core::Tx& tx) {
  ready(tx);
  tx.exec("DROP TABLE IF EXISTS search_fts");
  tx.exec("DELETE FROM search_hosts");
  tx.exec("DELETE FROM search_doc_tags");
  tx.exec("DELETE FROM search_docs");
  // FTS5 is SQLite's; a PostgreSQL backend would use its own text search here. Prefix indexes of
  // one and two characters make the type-ahead prefix queries (one Hanzi, "wx") index lookups.
  tx.exec(std::string("CREATE VIRTUAL TABLE search_fts USING fts5(name, tags, body, extra, tokenize = '") +
          kTokenizerName + "', prefix = '1 2')");
  // Field weights (name > tags > description > page titles and the rest), docs/search.md.
  tx.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 2.0, 1.0)')");
}

void upsert(core::Tx& tx, const IndexDoc& d, std::int64_t now_ms) {
  ready(tx);
  const auto keys = name_keys(d.name);
  std::optional<std::int64_t> doc = tx.query_one<std::int64_t>("SELECT doc FROM search_docs WHERE app_id = ?1", d.app_id);
  if (doc) {
    tx.exec("DELETE FROM search_fts WHERE rowid = ?1", *doc);
    tx.exec("DELETE FROM search_hosts WHERE doc = ?1", *doc);
    tx.exec("DELETE FROM search_doc_tags WHERE doc = ?1", *doc);
    tx.exec("UPDATE search_docs SET org_id = ?2, org_name = ?3, name = ?4, name_folded = ?5, name_pinyin = ?6, "
            "name_initials = ?7, summary = ?8, category = ?9, status = ?10, offline_by = ?11, has_icon = ?12, "
            "security_rating = ?13, has_contracts = ?14, released_version = ?15, released_ms = ?16, updated_ms = ?17, "
            "indexed_ms = ?18 WHERE doc = ?1",
            *doc, d.org_id, d.org_name, d.name, keys.folded, keys.pinyin, keys.initials, d.summary, d.category,
            d.status, d.offline_by, d.has_icon, d.security_rating, d.has_contracts, d.released_version, d.released_ms,
            d.updated_ms, now_ms);
  } else {
    tx.exec("INSERT INTO search_docs (app_id, org_id, org_name, name, name_folded, name_pinyin, name_initials, "
            "summary, category, status, offline_by, has_icon, security_rating, has_contracts, released_version, "
            "released_ms, updated_ms, indexed_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
            "?14, ?15, ?16, ?17, ?18)",
            d.app_id, d.org_id, d.org_name, d.name, keys.folded, keys.pinyin, keys.initials, d.summary, d.category,
            d.status, d.offline_by, d.has_icon, d.security_rating, d.has_contracts, d.released_version, d.released_ms,
            d.updated_ms, now_ms);
    doc = tx.last_insert_rowid();
  }
  tx.exec("INSERT INTO search_fts (rowid, name, tags, body, extra) VALUES (?1, ?2, ?3, ?4, ?5)", *doc, d.name,
          d.fts_tags, d.fts_body, d.fts_extra);
  for (const auto& h : d.host_app_ids) tx.exec("INSERT OR IGNORE INTO search_hosts (host_app_id, doc) VALUES (?1, ?2)", h, *doc);
  for (const auto& t : d.tags) tx.exec("INSERT OR IGNORE INTO search_doc_tags (doc, tag) VALUES (?1, ?2)", *doc, t);
  // Typo candidates: the Latin words of the name, tags and summary.
  for (const auto& text : {d.name, d.fts_tags, d.summary}) {
    for_each_latin_word(text, [&](const std::string& w) {
      tx.exec("INSERT OR IGNORE INTO search_terms (head, len, term) VALUES (?1, ?2, ?3)", w.substr(0, 1),
              static_cast<std::int64_t>(w.size()), w);
    });
  }
}

void remove(core::Tx& tx, const std::string& app_id) {
  ready(tx);
  const auto doc = tx.query_one<std::int64_t>("SELECT doc FROM search_docs WHERE app_id = ?1", app_id);
  if (!doc) return;
  tx.exec("DELETE FROM search_fts WHERE rowid = ?1", *doc);
  tx.exec("DELETE FROM search_hosts WHERE doc = ?1", *doc);
  tx.exec("DELETE FROM search_doc_tags WHERE doc = ?1", *doc);
  tx.exec("DELETE FROM search_docs WHERE doc = ?1", *doc);
}

int remove_stale(core::Tx& tx, std::int64_t before_ms) {
  const auto ids = tx.query_all<std::string>("SELECT app_id FROM search_docs WHERE indexed_ms < ?1", before_ms);
  for (const auto& id : ids) remove(tx, id);
  return static_cast<int>(ids.size());
}

void remove_host(core::Tx& tx, const std::string& host_app_id) {
  tx.exec("DELETE FROM search_hosts WHERE host_app_id = ?1", host_app_id);
}

std::vector<std::string> app_ids_of_org(core::Conn& c, const std::string& org_id) {
  return c.query_all<std::string>("SELECT app_id FROM search_docs WHERE org_id = ?1", org_id);
}

std::int64_t count(core::Conn& c) { return c.query_value<std::int64_t>("SELECT count(*) FROM search_docs"); }

std::vector<Hit> match(core::Conn& c, const std::string& expression, const Scope& scope, int limit) {
  ready(c);
  core::SqlArgs args;
  const auto where = where_scope(scope, args);
  std::string limit_param = "?";
  limit_param += std::to_string(args.values().size() + 2);  // after ?1 and the scope's
  return c.query_all<Hit>(
      "SELECT d.doc, d.app_id, d.org_id, d.org_name, d.name, d.name_folded, d.name_pinyin, d.name_initials, "
      "d.summary, d.category, d.status, d.security_rating, d.released_version, d.has_icon, d.has_contracts, "
      "d.released_ms, d.updated_ms, f.rank "
      "FROM search_fts f JOIN search_docs d ON d.doc = f.rowid WHERE search_fts MATCH ?1" +
          where + " ORDER BY f.rank LIMIT " + limit_param,
      expression, args, limit);
}

std::pair<std::string, std::string> marks(core::Conn& c, const std::string& expression, std::int64_t doc) {
  ready(c);
  std::pair<std::string, std::string> out;
  c.for_each("SELECT highlight(search_fts, 0, char(2), char(3)), snippet(search_fts, 2, char(2), char(3), '…', 24) "
             "FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2",
             [&](core::Row& r) { r.read(out.first, out.second); }, expression, doc);
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> facet(core::Conn& c, const std::string& expression,
                                                        const Scope& scope, const std::string& column) {
  if (column != "status" && column != "category" && column != "org_id") throw std::logic_error("facet column");
  ready(c);
  core::SqlArgs args;
  const auto where = where_scope(scope, args);
  std::vector<std::pair<std::string, std::int64_t>> out;
  c.for_each("SELECT d." + column + ", count(*) FROM search_fts f JOIN search_docs d ON d.doc = f.rowid "
             "WHERE search_fts MATCH ?1" + where + " GROUP BY d." + column + " ORDER BY count(*) DESC, d." + column +
             " LIMIT 50",
             [&](core::Row& r) {
               std::pair<std::string, std::int64_t> p;
               r.read(p.first, p.second);
               out.push_back(std::move(p));
             },
             expression, args);
  return out;
}

std::vector<std::string> terms(core::Conn& c, const std::string& head, int min_len, int max_len) {
  return c.query_all<std::string>("SELECT term FROM search_terms WHERE head = ?1 AND len BETWEEN ?2 AND ?3", head,
                                  min_len, max_len);
}

void add_queries(core::Tx& tx, const std::vector<std::pair<std::string, std::int64_t>>& counts, std::int64_t now_ms) {
  for (const auto& [q, n] : counts) {
    tx.exec("INSERT INTO search_queries (query, count, last_ms) VALUES (?1, ?2, ?3) ON CONFLICT (query) DO UPDATE "
            "SET count = count + ?2, last_ms = ?3",
            q, n, now_ms);
  }
  // Bounded: the 10,000 most searched are kept.
  tx.exec("DELETE FROM search_queries WHERE query NOT IN (SELECT query FROM search_queries ORDER BY count DESC "
          "LIMIT 10000)");
}

std::vector<std::string> popular_queries(core::Conn& c, const std::string& prefix, int limit) {
  return c.query_all<std::string>(
      "SELECT query FROM search_queries WHERE query >= ?1 AND query < ?1 || char(1114111) ORDER BY count DESC, "
      "query LIMIT ?2",
      prefix, limit);
}

}  // namespace cove::search::index_repo
