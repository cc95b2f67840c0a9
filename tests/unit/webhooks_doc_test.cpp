// docs/webhooks.md lists the event catalogue exactly: every type with its description, the
// fields of its `data` and an example, generated from the catalogue the server answers with.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "modules/webhooks/event_catalog.hpp"

using namespace cove;

namespace {

std::string render() {
  std::string out = "\n";
  std::string module;
  for (const auto& t : webhooks::event_catalog()) {
    if (t.module != module) {
      module = t.module;
      out += fmt::format("### {}\n\n", module);
    }
    out += fmt::format("#### `{}`{}\n\n{}.\n\n| field | type |\n|---|---|\n", t.type,
                       t.platform_only ? " (platform endpoints only)" : "", t.description);
    for (const auto& [name, schema] : t.schema["properties"].items()) {
      out += fmt::format("| `{}` | {} |\n", name, schema.value("type", "any"));
    }
    out += fmt::format("\n```json\n{}\n```\n\n", t.example.dump());
  }
  return out;
}

}  // namespace

TEST_CASE("docs/webhooks.md lists every event type of the catalogue", "[unit][webhooks][webhooks-doc]") {
  const std::string path = COVE_SOURCE_DIR "/docs/webhooks.md";
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto text = buffer.str();
  const std::string start = "<!-- event-types:start -->", end = "<!-- event-types:end -->";
  const auto a = text.find(start), b = text.find(end);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  const auto current = text.substr(a + start.size(), b - a - start.size());
  const auto wanted = render();
  if (current != wanted && std::getenv("COVE_WRITE_DOCS") != nullptr) {
    text.replace(a + start.size(), b - a - start.size(), wanted);
    std::ofstream(path) << text;
    return;
  }
  INFO("docs/webhooks.md is out of date: run COVE_WRITE_DOCS=1 build-test/tests/cove_unit_tests \"[webhooks-doc]\"");
  CHECK(current == wanted);
}
