#include "modules/search/text_analyzer.hpp"

#include <memory>
#include <stdexcept>
#include <unordered_map>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace cove::search {

namespace {

// ICU objects are not thread-safe; each thread keeps its own, built once, and caches the
// per-Hanzi answers (there are fewer than 100,000 Hanzi, and a catalogue uses a few thousand).
struct IcuTools {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::Transliterator> to_simplified;
  std::unique_ptr<icu::Transliterator> to_pinyin;
  const icu::Normalizer2* fold = nullptr;
  std::unordered_map<UChar32, std::string> simplified;  // Hanzi → its simplified form, UTF-8
  std::unordered_map<UChar32, std::string> pinyin;      // simplified Hanzi → toneless pinyin

  IcuTools() {
    UErrorCode e = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), e));
    to_simplified.reset(icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, e));
    to_pinyin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, e));
    fold = icu::Normalizer2::getNFKCCasefoldInstance(e);
    if (U_FAILURE(e) || !words || !to_simplified || !to_pinyin || !fold) {
      throw std::runtime_error(std::string("search: ICU is missing data: ") + u_errorName(e));
    }
  }

  const std::string& simplify(UChar32 c) {
    auto it = simplified.find(c);
    if (it != simplified.end()) return it->second;
    icu::UnicodeString s(c);
    to_simplified->transliterate(s);
    std::string out;
    s.toUTF8String(out);
    return simplified.emplace(c, std::move(out)).first->second;
  }

  const std::string& pinyin_of(const std::string& hanzi) {
    UChar32 c = 0;
    int32_t at = 0;
    U8_NEXT_UNSAFE(reinterpret_cast<const uint8_t*>(hanzi.data()), at, c);
    auto it = pinyin.find(c);
    if (it != pinyin.end()) return it->second;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(hanzi);
    to_pinyin->transliterate(s);
    std::string raw, out;
    s.toUTF8String(raw);
    for (char ch : raw) {
      if (ch >= 'a' && ch <= 'z') out += ch;
      else if (ch >= 'A' && ch <= 'Z') out += static_cast<char>(ch - 'A' + 'a');
    }
    return pinyin.emplace(c, std::move(out)).first->second;
  }
};

// Second readings of common polyphones (多音字). ICU's Han-Latin gives one reading per Hanzi,
// often not the one in names (地图 is ditu, not detu; 长沙 is changsha); both are indexed.
const std::unordered_map<std::string, std::string>& second_readings() {
  static const std::unordered_map<std::string, std::string> table = {
      {"地", "di"},    {"长", "chang"}, {"行", "hang"}, {"乐", "yue"},  {"重", "chong"}, {"还", "huan"},
      {"觉", "jiao"},  {"会", "kuai"},  {"都", "du"},   {"传", "zhuan"}, {"调", "tiao"},  {"藏", "zang"},
      {"和", "huo"},   {"便", "pian"},  {"差", "chai"}, {"单", "shan"}, {"得", "dei"},   {"着", "zhao"},
      {"了", "liao"},  {"朝", "zhao"},  {"说", "shui"}, {"给", "ji"},   {"曾", "zeng"},  {"降", "xiang"},
      {"仔", "zai"},   {"薄", "bo"},    {"参", "shen"}, {"率", "lv"},   {"数", "shu"},   {"解", "xie"},
      {"角", "jue"},   {"度", "duo"},   {"省", "xing"}, {"血", "xie"},  {"处", "chu"},   {"大", "dai"},
      {"系", "ji"},    {"校", "jiao"},  {"厦", "xia"},
  };
  return table;
}

IcuTools& tools() {
  thread_local IcuTools t;
  return t;
}

bool is_han(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  return uscript_getScript(c, &e) == USCRIPT_HAN;
}

// One piece of the text: a Latin (or other-script) word, or a run of Hanzi with each Hanzi's
// simplified form and byte range.
struct Segment {
  bool han = false;
  std::string folded;  // the word folded (Latin)
  std::vector<std::string> chars;
  std::vector<std::pair<int, int>> ranges;
  int start = 0, end = 0;
};

// Decodes UTF-8 (bad bytes become U+FFFD) into UTF-16, remembering each unit's byte offset.
void decode(std::string_view text, icu::UnicodeString& out, std::vector<int>& offsets) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    out.append(c);
    offsets.push_back(at);
    if (c > 0xFFFF) offsets.push_back(at);
  }
  offsets.push_back(n);
}

std::vector<Segment> segments(std::string_view text) {
  if (text.size() > kMaxAnalyzedBytes) text = text.substr(0, kMaxAnalyzedBytes);
  auto& t = tools();
  icu::UnicodeString u;
  std::vector<int> offsets;
  offsets.reserve(text.size() + 1);
  decode(text, u, offsets);
  std::vector<Segment> out;
  t.words->setText(u);
  int32_t from = t.words->first();
  for (int32_t to = t.words->next(); to != icu::BreakIterator::DONE; from = to, to = t.words->next()) {
    const int32_t status = t.words->getRuleStatus();
    if (status >= UBRK_WORD_NONE && status < UBRK_WORD_NONE_LIMIT) continue;
    // Walk the word's code points: Hanzi extend (or start) a run, anything else is one word.
    int32_t i = from;
    while (i < to) {
      const UChar32 c = u.char32At(i);
      const int32_t next = u.moveIndex32(i, 1);
      if (is_han(c)) {
        if (out.empty() || !out.back().han || out.back().end != offsets[static_cast<std::size_t>(i)]) {
          Segment s;
          s.han = true;
          s.start = offsets[static_cast<std::size_t>(i)];
          out.push_back(std::move(s));
        }
        auto& run = out.back();
        run.chars.push_back(t.simplify(c));
        run.ranges.emplace_back(offsets[static_cast<std::size_t>(i)], offsets[static_cast<std::size_t>(next)]);
        run.end = offsets[static_cast<std::size_t>(next)];
        i = next;
        continue;
      }
      int32_t j = i;
      while (j < to && !is_han(u.char32At(j))) j = u.moveIndex32(j, 1);
      UErrorCode e = U_ZERO_ERROR;
      const icu::UnicodeString folded = t.fold->normalize(u.tempSubStringBetween(i, j), e);
      Segment s;
      if (U_SUCCESS(e)) folded.toUTF8String(s.folded);
      s.start = offsets[static_cast<std::size_t>(i)];
      s.end = offsets[static_cast<std::size_t>(j)];
      if (!s.folded.empty()) out.push_back(std::move(s));
      i = j;
    }
  }
  return out;
}

int emit_han_run(const Segment& run, const AnalyzeOptions& options, const std::function<int(const Token&)>& emit) {
  const std::size_t n = run.chars.size();
  const auto range = [&](std::size_t a, std::size_t b) { return std::pair{run.ranges[a].first, run.ranges[b].second}; };
  auto& t = tools();
  // Pinyin spans starting at Hanzi i, emitted beside the token at i's position: every reading
  // combination of the span (at most four), in full and as initials.
  const auto pinyin_at = [&](std::size_t i) -> int {
    if (options.query || !options.pinyin) return 0;
    std::vector<std::pair<std::string, std::string>> spans{{"", ""}};  // (full, initials)
    for (std::size_t len = 1; len <= 4 && i + len <= n; ++len) {
      const auto& c = run.chars[i + len - 1];
      const auto& py = t.pinyin_of(c);
      if (py.empty()) break;
      const auto second = second_readings().find(c);
      const std::size_t before = spans.size();
      if (second != second_readings().end() && !second->second.empty() && before < 4) {
        for (std::size_t k = 0; k < before; ++k) spans.emplace_back(spans[k].first + second->second, spans[k].second + second->second[0]);
      }
      for (std::size_t k = 0; k < before; ++k) {
        spans[k].first += py;
        spans[k].second += py[0];
      }
      const auto [b, e] = range(i, i + len - 1);
      std::string last_initials;
      for (const auto& [full, initials] : spans) {
        if (full.size() <= kMaxTokenBytes) {
          if (int rc = emit({full, b, e, true})) return rc;
        }
        if (len >= 2 && initials != last_initials) {
          if (int rc = emit({initials, b, e, true})) return rc;
          last_initials = initials;
        }
      }
    }
    return 0;
  };
  if (n == 1) {
    if (int rc = emit({run.chars[0], run.start, run.end, false})) return rc;
    return pinyin_at(0);
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const auto [b, e] = range(i, i + 1);
    if (int rc = emit({run.chars[i] + run.chars[i + 1], b, e, false})) return rc;
    if (options.query) continue;
    if (int rc = pinyin_at(i)) return rc;
    if (i + 2 == n) {
      // The last Hanzi alone, so a one-Hanzi query finds it by prefix, and its pinyin.
      if (int rc = emit({run.chars[n - 1], run.ranges[n - 1].first, run.ranges[n - 1].second, true})) return rc;
      if (int rc = pinyin_at(n - 1)) return rc;
    }
  }
  return 0;
}

}  // namespace

int analyze(std::string_view text, const AnalyzeOptions& options, const std::function<int(const Token&)>& emit) {
  for (const auto& s : segments(text)) {
    if (s.han) {
      if (int rc = emit_han_run(s, options, emit)) return rc;
    } else if (s.folded.size() <= kMaxTokenBytes) {
      if (int rc = emit({s.folded, s.start, s.end, false})) return rc;
    }
  }
  return 0;
}

std::vector<QueryWord> query_words(std::string_view text) {
  std::vector<QueryWord> out;
  for (auto& s : segments(text)) {
    QueryWord w;
    if (s.han) {
      w.kind = QueryWord::Kind::kHan;
      for (const auto& c : s.chars) w.text += c;
      if (s.chars.size() == 1) w.terms.push_back(s.chars[0]);
      for (std::size_t i = 0; i + 1 < s.chars.size(); ++i) w.terms.push_back(s.chars[i] + s.chars[i + 1]);
    } else {
      if (s.folded.size() > kMaxTokenBytes) continue;
      w.text = s.folded;
      w.terms.push_back(s.folded);
    }
    out.push_back(std::move(w));
  }
  return out;
}

NameKeys name_keys(std::string_view text) {
  NameKeys k;
  auto& t = tools();
  for (const auto& s : segments(text)) {
    if (!s.han) {
      k.folded += s.folded;
      k.pinyin += s.folded;
      k.initials += s.folded;
      continue;
    }
    for (const auto& c : s.chars) {
      k.folded += c;
      const auto& py = t.pinyin_of(c);
      k.pinyin += py;
      if (!py.empty()) k.initials += py[0];
    }
  }
  return k;
}

}  // namespace cove::search
