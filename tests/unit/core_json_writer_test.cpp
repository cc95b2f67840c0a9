// The streaming JSON writer must produce exactly what nlohmann's dump() produces for the same
// document, so a list written directly is indistinguishable from one built as a tree.
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"

using cove::core::JsonWriter;

namespace {

std::string dumped(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written(std::string_view text) {
  std::string out;
  cove::core::append_json_string(out, text);
  return out;
}

}  // namespace

TEST_CASE("json writer: strings are escaped like nlohmann", "[unit][core][json]") {
  const std::vector<std::string> samples = {
      "",
      "plain ascii",
      "quote \" backslash \\ slash /",
      std::string("controls \b\f\n\r\t \x01\x1f\x7f end"),
      std::string("nul \0 inside", 12),
      "中文 组织 — emoji 🙂",
      "\xC3\x28",               // bad continuation
      "\xE0\x80\x80",           // overlong
      "\xED\xA0\x80",           // surrogate
      "\xF4\x90\x80\x80",       // above U+10FFFF
      "\xF0\x9F\x99",           // truncated at the end
      "ok \xE2\x82 then more",  // truncated in the middle
      "\x80\xBF lone continuations",
      "\xC0\xAF \xF5\x80 \xFF",
  };
  for (const auto& s : samples) {
    INFO("sample: " << nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    CHECK(written(s) == dumped(s));
  }
}

TEST_CASE("json writer: random bytes are escaped like nlohmann", "[unit][core][json]") {
  std::mt19937 rng(20261122);
  // Bias towards the bytes that matter: controls, quotes, UTF-8 lead and continuation bytes.
  static constexpr char kInteresting[] =
      "\x00\x01\x1f\"\\/aZ\x7f\x80\xbf\xc2\xdf\xe0\xed\xef\xf0\xf4\xf5\xff\xa0\x9f\x90\x8f";
  const std::string interesting(kInteresting, sizeof kInteresting - 1);  // keeps the leading NUL
  std::uniform_int_distribution<int> len(0, 24), pick(0, static_cast<int>(interesting.size()) - 1),
      any(0, 255);
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int l = len(rng);
    for (int k = 0; k < l; ++k) {
      s.push_back(n % 2 ? interesting[static_cast<std::size_t>(pick(rng))] : static_cast<char>(any(rng)));
    }
    const auto expected = dumped(s);
    const auto actual = written(s);
    if (actual != expected) {
      FAIL(
          "differs for bytes " << nlohmann::json::binary(std::vector<std::uint8_t>(s.begin(), s.end())).dump()
                               << ": " << actual << " vs " << expected);
    }
  }
}

TEST_CASE("json writer: documents match nlohmann's dump", "[unit][core][json]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object()
      .key("items")
      .begin_array()
      .begin_object()
      .key("a")
      .number(-42)
      .key("b")
      .boolean(true)
      .key("c")
      .null()
      .key("d")
      .string("x\"y")
      .end_object()
      .begin_object()
      .end_object()
      .begin_array()
      .end_array()
      .number(9007199254740993)
      .end_array()
      .key("nextCursor")
      .null()
      .end_object();
  const nlohmann::json expected = {{"items",
                                    {{{"a", -42}, {"b", true}, {"c", nullptr}, {"d", "x\"y"}},
                                     nlohmann::json::object(),
                                     nlohmann::json::array(),
                                     9007199254740993LL}},
                                   {"nextCursor", nullptr}};
  CHECK(out == dumped(expected));
}
