#pragma once
// A query string as FTS5 MATCH expressions (never the user's text as FTS5 syntax: every term is
// quoted, so `AND`, `"`, `*`, `:` and `NEAR` in a query are just text). Three expressions, tried
// as ranking tiers (docs/search.md):
//   strict — every word, the last one also as a prefix (results as you type);
//   fuzzy  — every word or a word within 1 edit (words of 5–8 letters) or 2 edits (9 or more) of
//            it among the index's Latin words (Meilisearch's rule), and a run of Hanzi that is
//            no substring anywhere as its bigrams apart; "" when no word has such a variant;
//   any    — at least one word (or bigram), when there are several ("" otherwise).
#include <functional>
#include <string>
#include <vector>

#include "modules/search/text_analyzer.hpp"

namespace cove::search {

inline constexpr std::size_t kMaxQueryChars = 100;
inline constexpr std::size_t kMaxQueryWords = 10;

struct QueryPlan {
  std::vector<QueryWord> words;
  std::string key;  // the words' folded texts run together, compared with name keys
  std::string strict, fuzzy, any;
};

// Typo candidates: Latin words of the index starting with `head` with a length in [min, max].
using TermSource = std::function<std::vector<std::string>(const std::string& head, int min_len, int max_len)>;

// Words of the query (at most kMaxQueryWords); an empty `words` means nothing searchable.
QueryPlan plan_query(std::string_view q, const TermSource& terms);

// Levenshtein distance when it is at most `max`, else max + 1.
int edit_distance(std::string_view a, std::string_view b, int max);

// Typos allowed in a Latin word of this many letters.
int typos_allowed(std::size_t letters);

}  // namespace cove::search
