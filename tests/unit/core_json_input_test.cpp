#include <catch2/catch.hpp>

#include "core/json_input.hpp"

using namespace cove::core;

namespace {
nlohmann::json fields_of(const Error& e) { return e.details()["fields"]; }
}  // namespace

TEST_CASE("JsonInput reads typed fields and reports every problem at once", "[json]") {
  auto in = JsonInput::parse(R"({"name":"ok","n":5,"flag":true,"extra":1,"bad":"x\u0001y"})");
  CHECK(in.required_string("name") == "ok");
  CHECK(in.optional_int("n", 0, 10) == 5);
  CHECK(in.optional_bool("flag") == true);
  CHECK_FALSE(in.optional_string("missing").has_value());
  CHECK_FALSE(in.optional_string("bad").has_value());
  try {
    in.finish();
    FAIL("expected validation_failed");
  } catch (const Error& e) {
    CHECK(e.status() == 400);
    CHECK(e.code() == "validation_failed");
    const auto f = fields_of(e);
    CHECK(f["extra"]["code"] == "unknown_field");
    CHECK(f["bad"]["code"] == "invalid_characters");
    CHECK_FALSE(f.contains("name"));
  }
}

TEST_CASE("JsonInput limits count characters, not bytes", "[json]") {
  auto in = JsonInput::parse(R"({"name":"小程序平台"})");
  CHECK(in.required_string("name", {.min_chars = 1, .max_chars = 5}) == "小程序平台");
  in.finish();

  auto too_long = JsonInput::parse(R"({"name":"小程序平台!"})");
  too_long.required_string("name", {.min_chars = 1, .max_chars = 5});
  CHECK_THROWS_AS(too_long.finish(), Error);
}

TEST_CASE("JsonInput nested objects share errors with prefixed names", "[json]") {
  auto in = JsonInput::parse(R"({"owner":{"email":"","typo":1}})");
  auto owner = in.object("owner", true);
  REQUIRE(owner.has_value());
  owner->required_string("email");
  owner->check_unknown();
  try {
    in.finish();
    FAIL("expected validation_failed");
  } catch (const Error& e) {
    const auto f = fields_of(e);
    CHECK(f["owner.email"]["code"] == "required");
    CHECK(f["owner.typo"]["code"] == "unknown_field");
  }
}

TEST_CASE("JsonInput rejects non-objects and broken JSON", "[json]") {
  CHECK_THROWS_AS(JsonInput::parse("[1,2]"), Error);
  CHECK_THROWS_AS(JsonInput::parse("{"), Error);
  CHECK_THROWS_AS(JsonInput::parse(""), Error);
  CHECK_THROWS_AS(JsonInput::parse("\"\xff\""), Error);  // invalid UTF-8
  try {
    JsonInput::parse("nope");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_json");
  }
}

TEST_CASE("JsonInput integers check type and range", "[json]") {
  auto in = JsonInput::parse(R"({"a":1.5,"b":-1,"c":18446744073709551615,"d":7})");
  CHECK_FALSE(in.optional_int("a", 0, 10).has_value());
  CHECK_FALSE(in.optional_int("b", 0, 10).has_value());
  CHECK_FALSE(in.optional_int("c", 0, 10).has_value());
  CHECK(in.required_int("d", 0, 10) == 7);
  try {
    in.finish();
  } catch (const Error& e) {
    const auto f = fields_of(e);
    CHECK(f["a"]["code"] == "invalid_type");
    CHECK(f["b"]["code"] == "out_of_range");
    CHECK(f["c"]["code"] == "out_of_range");
  }
}

TEST_CASE("JsonInput refuses a key repeated in one object and names it", "[json]") {
  const auto duplicate_field = [](std::string_view body) -> nlohmann::json {
    try {
      JsonInput::parse(body);
    } catch (const Error& e) {
      CHECK(e.status() == 400);
      CHECK(e.code() == "validation_failed");
      return fields_of(e);
    }
    FAIL("expected validation_failed");
    return nullptr;
  };
  CHECK(duplicate_field(R"({"name":"k","name":"j"})")["name"]["code"] == "duplicate_key");
  CHECK(duplicate_field(R"({"owner":{"email":"a@x","email":"b@x"}})").contains("owner.email"));
  CHECK(duplicate_field(R"({"items":[{"a":1},{"a":1,"b":2,"a":3}]})").contains("items[1].a"));
  CHECK(duplicate_field(R"({"m":[[1],{"x":[{"k":1,"k":2}]}]})").contains("m[1].x[0].k"));
  // The same key in sibling objects is not a repeat.
  auto fine = JsonInput::parse(R"({"a":{"k":1},"b":{"k":2},"list":[{"k":1},{"k":2}]})");
  CHECK(fine.take("a") != nullptr);
}

TEST_CASE("JsonInput refuses bodies nested deeper than the limit", "[json]") {
  const auto nested = [](std::size_t depth) {
    return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
  };
  CHECK_NOTHROW(JsonInput::parse(nested(kMaxJsonDepth - 1)));
  try {
    JsonInput::parse(nested(kMaxJsonDepth + 1));
    FAIL("expected invalid_json");
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_json");
  }
}
