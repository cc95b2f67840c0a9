#include "modules/search/indexer.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "modules/search/fts_tokenizer.hpp"

namespace cove::search {

namespace {

// Control characters become spaces: the index's highlight markers are control characters, and
// none belongs in a name or a description anyway.
std::string clean(const std::string& s) {
  std::string out = s;
  for (char& ch : out) {
    if (static_cast<unsigned char>(ch) < 0x20 && ch != '\n') ch = ' ';
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "\n";
    out += clean(p);
  }
  return out;
}

}  // namespace

IndexDoc Indexer::document_of(const apps::SearchSource& s, const std::string& org_name) {
  IndexDoc d;
  d.app_id = s.app_id;
  d.org_id = s.org_id;
  d.org_name = org_name;
  d.name = clean(s.name);
  d.summary = clean(s.summary);
  d.category = s.category;
  d.status = s.status;
  d.offline_by = s.offline_by;
  d.security_rating = s.security_rating;
  d.released_version = s.released_version;
  d.tags = s.tags;
  d.host_app_ids = s.host_app_ids;
  d.has_icon = s.has_icon;
  d.has_contracts = !s.contract_names.empty();
  d.released_ms = s.released_ms;
  d.updated_ms = s.updated_ms;
  d.fts_tags = joined(s.tags);
  // The description column is analysed without pinyin (fts_tokenizer.hpp).
  d.fts_body = std::string(1, kPlainMarker);
  d.fts_body += clean(s.summary);
  if (!s.description.empty()) d.fts_body += '\n';
    d.fts_body += clean(s.description);
  std::vector<std::string> extra{s.category, org_name};
  extra.insert(extra.end(), s.page_titles.begin(), s.page_titles.end());
  extra.insert(extra.end(), s.contract_names.begin(), s.contract_names.end());
  d.fts_extra = joined(extra);
  return d;
}

bool Indexer::prepare() {
  const bool current = db_.read([&](core::Conn& c) {
    return index_repo::fts_exists(c) && index_repo::state(c, "format") == std::to_string(kIndexFormat);
  });
  if (!current) {
    db_.write([&](core::Tx& tx) {
      index_repo::recreate(tx);
      index_repo::set_state(tx, "format", std::to_string(kIndexFormat));
      index_repo::set_state(tx, "complete", "0");
    });
    return true;
  }
  return db_.read([&](core::Conn& c) { return index_repo::state(c, "complete") != "1"; });
}

void Indexer::index_app(const std::string& app_id) {
  db_.write([&](core::Tx& tx) {
    const auto source = apps_.search_source(tx, app_id);
    if (!source) {
      index_repo::remove(tx, app_id);
      return;
    }
    const auto names = accounts_.org_names(tx, {source->org_id});
    const auto it = names.find(source->org_id);
    index_repo::upsert(tx, document_of(*source, it == names.end() ? "" : it->second), clock_.unix_millis());
  });
}

void Indexer::index_org(const std::string& org_id) {
  const auto ids = db_.read([&](core::Conn& c) { return index_repo::app_ids_of_org(c, org_id); });
  for (const auto& id : ids) index_app(id);
}

void Indexer::remove_host(const std::string& host_app_id) {
  db_.write([&](core::Tx& tx) { index_repo::remove_host(tx, host_app_id); });
}

RebuildResult Indexer::rebuild(const std::function<void(std::int64_t)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  // Documents refreshed from here on carry indexed_ms >= start; the rest belong to mini-programs
  // that are gone. One millisecond back, so a document indexed in this same millisecond by an
  // event just before the rebuild is not taken for stale.
  const std::int64_t start_ms = clock_.unix_millis() - 1;
  RebuildResult result;
  std::string after;
  for (;;) {
    const auto n = db_.write([&](core::Tx& tx) {
      const auto batch = apps_.search_sources(tx, after, kBatch);
      if (batch.empty()) return std::size_t{0};
      std::vector<std::string> org_ids;
      for (const auto& s : batch) org_ids.push_back(s.org_id);
      const auto names = accounts_.org_names(tx, org_ids);
      const auto now = clock_.unix_millis();
      for (const auto& s : batch) {
        const auto it = names.find(s.org_id);
        index_repo::upsert(tx, document_of(s, it == names.end() ? "" : it->second), std::max(now, start_ms + 1));
      }
      after = batch.back().app_id;
      return batch.size();
    });
    result.documents += static_cast<std::int64_t>(n);
    if (progress) progress(result.documents);
    if (n < static_cast<std::size_t>(kBatch)) break;
  }
  db_.write([&](core::Tx& tx) {
    result.removed = index_repo::remove_stale(tx, start_ms + 1);
    result.millis = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    index_repo::set_state(tx, "complete", "1");
    index_repo::set_state(tx, "last_rebuild",
                          nlohmann::json{{"finishedMs", clock_.unix_millis()},
                                         {"documents", result.documents},
                                         {"removed", result.removed},
                                         {"millis", result.millis}}
                              .dump());
  });
  return result;
}

}  // namespace cove::search
