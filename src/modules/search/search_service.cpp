#include "modules/search/search_service.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_input.hpp"

namespace cove::search {

namespace {

bool starts_with(const std::string& s, const std::string& p) { return !p.empty() && s.rfind(p, 0) == 0; }

int name_tier(const Hit& h, const std::string& key) {
  if (key.empty()) return 3;
  if (h.name_folded == key || h.name_pinyin == key || h.name_initials == key) return 0;
  if (starts_with(h.name_folded, key) || starts_with(h.name_pinyin, key) || starts_with(h.name_initials, key)) return 1;
  if (h.name_folded.find(key) != std::string::npos || h.name_pinyin.find(key) != std::string::npos) return 2;
  return 3;
}

void validation(const std::string& code, const std::string& message) {
  core::FieldErrors errors;
  errors.add("q", code, message);
  errors.throw_if_any();
}

}  // namespace

QueryPlan SearchService::plan(core::Conn& c, const std::string& q) const {
  if (q.empty()) validation("required", "Type something to search for");
  if (core::utf8_length(q) > kMaxQueryChars) validation("too_long", "At most 100 characters");
  auto p = plan_query(q, [&](const std::string& head, int min_len, int max_len) {
    return index_repo::terms(c, head, min_len, max_len);
  });
  if (p.words.empty()) validation("no_words", "The query has no letters, digits or Hanzi to search for");
  return p;
}

SearchResult SearchService::search(const SearchRequest& r) const {
  return db_.read([&](core::Conn& c) {
    const auto p = plan(c, r.q);
    std::vector<Ranked> ranked;
    std::unordered_set<std::int64_t> seen;
    const auto add = [&](const std::string& expression, int phase) {
      if (expression.empty() || ranked.size() >= static_cast<std::size_t>(kMaxCandidates)) return;
      for (auto& h : index_repo::match(c, expression, r.scope, kMaxCandidates)) {
        if (!seen.insert(h.doc).second) continue;
        Ranked x;
        x.name_tier = name_tier(h, p.key);
        x.phase = phase;
        x.hit = std::move(h);
        ranked.push_back(std::move(x));
      }
    };
    const auto order = [](const Ranked& a, const Ranked& b) {
      if (a.name_tier != b.name_tier) return a.name_tier < b.name_tier;
      if (a.phase != b.phase) return a.phase < b.phase;
      if (a.hit.bm25 != b.hit.bm25) return a.hit.bm25 < b.hit.bm25;  // FTS5's bm25: lower is better
      if (a.hit.released_ms != b.hit.released_ms) return a.hit.released_ms > b.hit.released_ms;
      return a.hit.app_id < b.hit.app_id;
    };
    // Host apps (the hot path): matches in the name come first, and when they alone fill the
    // page the other columns are not searched at all. A broad query (one Hanzi, two letters)
    // matches a small part of the names but much of the descriptions, and ranking every match
    // is what costs (docs/search.md). Console searches rank every match (they count facets).
    std::size_t name_hits = 0;
    if (r.scope.host_app_id) {
      std::string in_name = "name : (";
      in_name += p.strict;
      in_name += ")";
      add(in_name, 0);
      std::stable_sort(ranked.begin(), ranked.end(), order);
      name_hits = ranked.size();
    }
    if (name_hits <= static_cast<std::size_t>(r.offset + r.limit)) {
      add(p.strict, 0);
      add(p.fuzzy, 1);
      if (ranked.empty()) add(p.any, 2);
      if (ranked.size() > static_cast<std::size_t>(kMaxCandidates)) ranked.resize(kMaxCandidates);
      std::stable_sort(ranked.begin() + static_cast<std::ptrdiff_t>(name_hits), ranked.end(), order);
    }
    SearchResult out;
    out.total = ranked.size();
    const auto from = std::min<std::size_t>(static_cast<std::size_t>(r.offset), ranked.size());
    const auto to = std::min<std::size_t>(from + static_cast<std::size_t>(r.limit), ranked.size());
    const std::string* tiers[] = {&p.strict, &p.fuzzy, &p.any};
    for (auto i = from; i < to; ++i) {
      auto& x = ranked[i];
      std::tie(x.hit.name_marked, x.hit.snippet_marked) = index_repo::marks(c, *tiers[x.phase], x.hit.doc);
      out.page.push_back(std::move(x));
    }
    if (to < ranked.size()) out.next_offset = static_cast<int>(to);
    return out;
  });
}

std::vector<std::string> SearchService::suggest(const std::string& q, const Scope& scope, int limit) const {
  SearchRequest r{.q = q, .scope = scope, .limit = limit};
  const auto result = search(r);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& x : result.page) {
    if (x.name_tier <= 2 && seen.insert(x.hit.name).second) out.push_back(x.hit.name);
  }
  if (static_cast<int>(out.size()) < limit) {
    // Popular queries are stored as their folded words (count_query), so ＷＸ and wx count together.
    const auto key = db_.read([&](core::Conn& c) {
      std::string k;
      for (const auto& w : plan(c, q).words) k += (k.empty() ? "" : " ") + w.text;
      return k;
    });
    const auto popular = db_.read([&](core::Conn& c) { return index_repo::popular_queries(c, key, limit); });
    for (const auto& p : popular) {
      if (static_cast<int>(out.size()) >= limit) break;
      if (seen.insert(p).second) out.push_back(p);
    }
  }
  return out;
}

nlohmann::json SearchService::facets(const std::string& q, const Scope& scope) const {
  return db_.read([&](core::Conn& c) {
    const auto p = plan(c, q);
    // The counts of the tier the results come from: the first of strict, fuzzy, any that matches.
    for (const auto* expression : {&p.strict, &p.fuzzy, &p.any}) {
      if (expression->empty()) continue;
      nlohmann::json out = nlohmann::json::object();
      bool any = false;
      for (const auto& [column, name] : {std::pair{"status", "status"}, {"category", "category"}, {"org_id", "orgId"}}) {
        auto list = nlohmann::json::array();
        for (const auto& [value, n] : index_repo::facet(c, *expression, scope, column)) {
          list.push_back({{"value", value}, {"count", n}});
          any = true;
        }
        out[name] = std::move(list);
      }
      if (any) return out;
    }
    return nlohmann::json{{"status", nlohmann::json::array()}, {"category", nlohmann::json::array()},
                          {"orgId", nlohmann::json::array()}};
  });
}

void SearchService::count_query(const std::string& q) {
  const auto words = query_words(q);
  std::string key;
  for (const auto& w : words) key += (key.empty() ? "" : " ") + w.text;
  if (key.empty() || key.size() > 100) return;
  std::lock_guard lock(queries_mutex_);
  if (pending_queries_.size() >= 10000 && !pending_queries_.contains(key)) return;  // bounded between flushes
  ++pending_queries_[key];
}

void SearchService::flush_queries() {
  std::unordered_map<std::string, std::int64_t> batch;
  {
    std::lock_guard lock(queries_mutex_);
    batch.swap(pending_queries_);
  }
  if (batch.empty()) return;
  std::vector<std::pair<std::string, std::int64_t>> counts(batch.begin(), batch.end());
  db_.write([&](core::Tx& tx) { index_repo::add_queries(tx, counts, clock_.unix_millis()); });
}

std::string SearchService::marked_to_html(const std::string& marked) {
  std::string out;
  out.reserve(marked.size() + 16);
  for (char ch : marked) {
    switch (ch) {
      case '\x02': out += "<em>"; break;
      case '\x03': out += "</em>"; break;
      case '\x1f': break;  // the description column's marker
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string SearchService::cursor_of(int offset) { return core::crypto::base64url(std::string("o") + std::to_string(offset)); }

std::optional<int> SearchService::offset_of(const std::string& cursor) {
  try {
    const auto raw = core::crypto::from_base64url(cursor);
    if (raw.size() < 2 || raw.size() > 5 || raw[0] != 'o') return std::nullopt;
    int n = 0;
    for (std::size_t i = 1; i < raw.size(); ++i) {
      if (raw[i] < '0' || raw[i] > '9') return std::nullopt;
      n = n * 10 + (raw[i] - '0');
    }
    if (n > kMaxCandidates) return std::nullopt;
    return n;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace cove::search
