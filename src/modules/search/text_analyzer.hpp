#pragma once
// Chinese-first text analysis for search (issue 18), shared by the FTS5 tokenizer
// (fts_tokenizer.hpp), the query planner and the ranking. ICU does the hard parts:
//  - word breaks (UAX #29 with ICU's CJ dictionary) find Latin words, numbers and runs of Hanzi;
//  - Latin words are NFKC-case-folded, so full-width ＡＢＣ, ABC and abc are one word;
//  - each Hanzi is folded traditional → simplified (ICU "Traditional-Simplified"), so 電子錢包
//    and 电子钱包 are the same text;
//  - a run of Hanzi becomes overlapping bigrams (电子 子钱 钱包): any substring of two or more
//    Hanzi is a phrase of consecutive bigrams, and one Hanzi matches by prefix (the run's last
//    Hanzi is also emitted alone, so it has a token to be a prefix of);
//  - pinyin (ICU "Han-Latin; Latin-ASCII", toneless) of every span of one to four Hanzi, in full
//    and as initials (weixin, wx → 微信), emitted at the span's first bigram, so a pinyin query
//    highlights the Hanzi it stands for.
// Offsets always point into the caller's UTF-8 text, whatever folding changed.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace cove::search {

struct Token {
  std::string text;
  int start = 0;  // byte offsets into the analysed text
  int end = 0;
  bool colocated = false;  // at the position of the token before it (a synonym of it)
};

struct AnalyzeOptions {
  bool query = false;   // the planner's own terms: bigrams and words only, no synonyms
  bool pinyin = true;   // document mode: emit pinyin spans
};

// Longest token kept; longer words (hashes, base64) are not searchable.
inline constexpr std::size_t kMaxTokenBytes = 64;
// Texts are analysed up to this many bytes (the index's field limits are below it).
inline constexpr std::size_t kMaxAnalyzedBytes = 64 * 1024;

// Calls emit for each token in order; a non-zero return stops the analysis and is returned.
int analyze(std::string_view text, const AnalyzeOptions& options, const std::function<int(const Token&)>& emit);

// A word of a query, as the planner sees it.
struct QueryWord {
  enum class Kind { kLatin, kHan };
  Kind kind = Kind::kLatin;
  std::string text;                 // folded: a Latin word, or the Hanzi run simplified
  std::vector<std::string> terms;   // Latin: the word; Han: its bigrams in order (or the one Hanzi)
};
std::vector<QueryWord> query_words(std::string_view text);

// Keys of a name for exact and prefix ranking: folded text without spaces or punctuation, its
// pinyin (Latin words kept), and its initials (Hanzi initials, Latin words kept).
struct NameKeys {
  std::string folded;
  std::string pinyin;
  std::string initials;
};
NameKeys name_keys(std::string_view text);

}  // namespace cove::search
