// docs/openapi.json is the API's contract (DESIGN.md §4.1): it must parse, document exactly the
// routes the server registers — no more, no fewer — and state each route's permission as the
// code declares it. Regenerate it with `python3 scripts/openapi/build.py`.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/test_server.hpp"

using namespace cove;

namespace {

nlohmann::json load_document() {
  std::ifstream in(std::string(COVE_SOURCE_DIR) + "/docs/openapi.json");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string declared_permission(const http::RouteInfo& r) { return r.is_public ? "open" : r.permission; }

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"};

}  // namespace

TEST_CASE("the OpenAPI document is OpenAPI 3.0.3 with the shared components", "[api][openapi]") {
  const auto doc = load_document();
  CHECK(doc["openapi"] == "3.0.3");
  CHECK(doc["info"]["title"].is_string());
  CHECK(doc["info"]["version"].is_string());
  CHECK(doc["servers"].is_array());
  const auto& c = doc["components"];
  for (const char* schema : {"Error", "ValidationError", "FieldError", "Page"}) {
    INFO(schema);
    CHECK(c["schemas"].contains(schema));
  }
  CHECK(c["schemas"]["Error"]["required"] == nlohmann::json({"code", "message", "details", "requestId"}));
  for (const char* scheme : {"bearerAuth", "apiKeyAuth", "runtimeSdkKey", "runtimeSignature"}) {
    INFO(scheme);
    CHECK(c["securitySchemes"].contains(scheme));
  }
  CHECK(c["parameters"]["Limit"]["schema"]["maximum"] == 200);
}

TEST_CASE("the OpenAPI document lists exactly the registered routes, with their permissions",
          "[api][openapi]") {
  const auto doc = load_document();
  test::TestServer server;

  std::map<std::pair<std::string, std::string>, std::string> registered;  // (method, path) → permission
  for (const auto* r : server.app().router().routes()) {
    registered[{lower(http::method_name(r->method)), r->pattern}] = declared_permission(*r);
  }

  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (!kMethods.contains(method)) continue;
      documented.insert({method, path});
      const auto where = method + " " + path;
      INFO(where);
      auto it = registered.find({method, path});
      if (it == registered.end()) {
        FAIL_CHECK(where << " is documented in docs/openapi.json but no such route is registered");
        continue;
      }
      CHECK(op.value("x-cove-permission", "") == it->second);
      CHECK(op["responses"].is_object());
      CHECK_FALSE(op["responses"].empty());
      if (it->second != "open") {
        // Protected routes say how they refuse: no credentials, and the wrong ones.
        CHECK(op["responses"].contains("401"));
        CHECK(op["responses"].contains("403"));
        CHECK_FALSE(op["security"].empty());
      }
      // Every {param} of the path is described.
      std::set<std::string> described;
      for (const auto& p : op.value("parameters", nlohmann::json::array())) {
        if (p.value("in", "") == "path") described.insert(p["name"].get<std::string>());
      }
      for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
        const auto name = path.substr(open + 1, path.find('}', open) - open - 1);
        INFO("path parameter " << name);
        CHECK(described.contains(name));
      }
    }
  }
  for (const auto& [key, permission] : registered) {
    if (!documented.contains(key)) {
      FAIL_CHECK(key.first << " " << key.second
                           << " is registered but not documented: describe it in scripts/openapi/ and run "
                              "python3 scripts/openapi/build.py");
    }
  }
}
