#include "modules/search/query_plan.hpp"

#include <algorithm>

namespace cove::search {

namespace {

std::string quoted(std::string_view term) {
  std::string out = "\"";
  for (char ch : term) {
    out += ch;
    if (ch == '"') out += '"';
  }
  return out + "\"";
}

bool ascii_letters(std::string_view w) {
  return std::all_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

int typos_allowed(std::size_t letters) { return letters >= 9 ? 2 : letters >= 5 ? 1 : 0; }

int edit_distance(std::string_view a, std::string_view b, int max) {
  const auto n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > static_cast<std::size_t>(max)) return max + 1;
  std::vector<int> prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max) return max + 1;  // every path already costs more
    std::swap(prev, cur);
  }
  return std::min(prev[m], max + 1);
}

QueryPlan plan_query(std::string_view q, const TermSource& terms) {
  QueryPlan plan;
  plan.words = query_words(q);
  if (plan.words.size() > kMaxQueryWords) plan.words.resize(kMaxQueryWords);
  if (plan.words.empty()) return plan;
  std::vector<std::string> strict, fuzzy, any;
  bool has_typos = false;
  for (std::size_t i = 0; i < plan.words.size(); ++i) {
    const auto& w = plan.words[i];
    plan.key += w.text;
    const bool last = i + 1 == plan.words.size();
    std::string exact;
    if (w.kind == QueryWord::Kind::kHan) {
      // One Hanzi: any bigram starting with it (or the run's last Hanzi); more: the phrase of
      // their consecutive bigrams, i.e. the substring.
      exact = w.terms.size() == 1 ? quoted(w.text) + "*" : quoted(w.text);
    } else {
      exact = last ? quoted(w.text) + "*" : quoted(w.text);
    }
    strict.push_back(exact);
    std::vector<std::string> alternatives{exact};
    if (w.kind == QueryWord::Kind::kHan && w.terms.size() > 1) {
      // Not a substring anywhere: its bigrams apart (滴滴打车 finds 滴滴出行 tagged 打车) in the
      // fuzzy tier, any of them in the last.
      std::vector<std::string> bigrams;
      for (const auto& t : w.terms) bigrams.push_back(quoted(t));
      std::string loose = "(";
      loose += join(bigrams, " AND ");
      loose += ")";
      alternatives.push_back(std::move(loose));
      for (auto& b : bigrams) any.push_back(std::move(b));
      has_typos = true;
    } else {
      any.push_back(exact);
    }
    const int allowed = w.kind == QueryWord::Kind::kLatin && ascii_letters(w.text) ? typos_allowed(w.text.size()) : 0;
    if (allowed > 0) {
      const int len = static_cast<int>(w.text.size());
      std::vector<std::pair<int, std::string>> near;
      for (auto& t : terms(w.text.substr(0, 1), len - allowed, len + allowed)) {
        const int d = edit_distance(w.text, t, allowed);
        if (d > 0 && d <= allowed) near.emplace_back(d, std::move(t));
      }
      std::sort(near.begin(), near.end());
      if (near.size() > 20) near.resize(20);  // bounded expression
      for (const auto& [d, t] : near) alternatives.push_back(quoted(t));
      has_typos = has_typos || near.size() > 0;
    }
    if (alternatives.size() == 1) {
      fuzzy.push_back(exact);
    } else {
      std::string group = "(";
      group += join(alternatives, " OR ");
      group += ")";
      fuzzy.push_back(std::move(group));
    }
  }
  plan.strict = join(strict, " AND ");
  if (has_typos) plan.fuzzy = join(fuzzy, " AND ");
  if (any.size() > 1) plan.any = join(any, " OR ");
  return plan;
}

}  // namespace cove::search
