// The search tokenizer (issue 18) reads every name and description organisations type and every
// query host-app users send. Any byte string (invalid UTF-8 included) must analyse without a
// crash into tokens that are non-empty, at most kMaxTokenBytes, with offsets inside the input in
// order (start < end, starts never decreasing); a colocated token never comes first; the query
// planner must give quoted FTS5 terms only (no unbalanced quote), and the name keys must not fail.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "modules/search/query_plan.hpp"
#include "modules/search/text_analyzer.hpp"

namespace {

void require(bool property) {
  if (!property) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace cove::search;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const bool query : {false, true}) {
    int last_start = 0;
    bool first = true;
    analyze(input, {.query = query, .pinyin = true}, [&](const Token& t) {
      require(!t.text.empty() && t.text.size() <= kMaxTokenBytes);
      require(t.start >= 0 && t.start < t.end && static_cast<std::size_t>(t.end) <= input.size());
      require(t.start >= last_start || t.colocated);
      require(!(first && t.colocated));
      require(!query || !t.colocated);
      last_start = t.start;
      first = false;
      return 0;
    });
  }
  const auto plan = plan_query(input, [](const std::string&, int, int) { return std::vector<std::string>{}; });
  std::size_t quotes = 0;
  for (const char c : plan.strict) quotes += c == '"';
  require(quotes % 2 == 0);
  require(plan.words.size() <= kMaxQueryWords);
  (void)name_keys(input);
  return 0;
}
