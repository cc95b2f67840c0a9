// UID list import (text, CSV, limits, line numbers) and the runtime's flat UID set.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/gray/uid_import.hpp"
#include "modules/gray/uid_set.hpp"

using namespace cove;
using namespace cove::gray;

namespace {

std::vector<std::string> read(std::string_view text, UidFormat f = UidFormat::kText, std::size_t max = 100) {
  std::vector<std::string> out;
  read_uid_text(text, f, max, [&](std::string_view id) { out.emplace_back(id); });
  return out;
}

int error_line(std::string_view text, UidFormat f = UidFormat::kText) {
  try {
    read(text, f);
  } catch (const core::Error& e) {
    return e.details().value("line", -1);
  }
  return 0;
}

}  // namespace

TEST_CASE("uid import: text and CSV", "[unit][gray][uid]") {
  CHECK(read("a\r\n b \n\n#c\nd") == std::vector<std::string>{"a", "b", "d"});
  CHECK(read("\xEF\xBB\xBFx\n") == std::vector<std::string>{"x"});
  CHECK(read("uid\nu1,ignored\n\"u,2\",x\n\"say \"\"hi\"\"\"\n", UidFormat::kCsv) ==
        std::vector<std::string>{"u1", "u,2", "say \"hi\""});
  CHECK(read("userId\nu1\n", UidFormat::kCsv) == std::vector<std::string>{"u1"});
  CHECK(read("uid\n", UidFormat::kText) == std::vector<std::string>{"uid"});  // no header in plain text
  CHECK(read("用户一\n") == std::vector<std::string>{"用户一"});
}

TEST_CASE("uid import: errors name the line", "[unit][gray][uid]") {
  CHECK(error_line("ok\n" + std::string(129, 'x')) == 2);
  CHECK(error_line("ok\nbad\tid\n") == 2);
  CHECK(error_line("ok\n\xff\xfe\n") == 2);
  CHECK(error_line("a\n\"open\n", UidFormat::kCsv) == 2);
  CHECK(error_line("a\n\"x\"y\n", UidFormat::kCsv) == 2);
  CHECK_THROWS_AS(read("a\nb\nc\n", UidFormat::kText, 2), core::Error);
}

TEST_CASE("uid set: exact membership, duplicates once", "[unit][gray][uid]") {
  UidSet::Builder b;
  for (int i = 0; i < 10'000; ++i) b.add(fmt::format("user-{}", i));
  b.add("user-5");
  b.add("");
  const auto set = std::move(b).build();
  CHECK(set.size() == 10'001);
  CHECK(set.contains("user-0"));
  CHECK(set.contains("user-9999"));
  CHECK(set.contains(""));
  CHECK_FALSE(set.contains("user-10000"));
  CHECK_FALSE(set.contains("user-"));
  const UidSet empty = UidSet::Builder().build();
  CHECK_FALSE(empty.contains("x"));
}
