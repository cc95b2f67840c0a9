// The runtime's decisions without HTTP: a catalog built from hand-made parts (as the apps and gray
// catalog sources would load them) and the answers resolve_app() gives for it.
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "modules/runtime/catalog.hpp"
#include "modules/runtime/resolver.hpp"

using namespace cove;

namespace {

apps::RuntimeApp app(std::string id, std::string status, std::optional<std::string> released) {
  apps::RuntimeApp a;
  a.app_id = std::move(id);
  a.org_id = "org_1";
  a.name = "Weather";
  a.status = std::move(status);
  a.privacy = {{"items", nlohmann::json::array()}};
  if (released) a.released = apps::RuntimeVersion{"ver_" + *released, *released, std::string(64, 'a'), 10, "sig", ""};
  return a;
}

// A source the runtime knows nothing about, adding a field to every answer.
class NoticeSource final : public modules::TypedCatalogSource<std::string> {
 public:
  std::string_view name() const override { return "notice"; }
  std::vector<std::string> topics() const override { return {"notice."}; }
  std::shared_ptr<const std::string> load_part(core::Conn&, std::int64_t) const override { return nullptr; }
  void add_app_fields(const void* part, std::string_view, std::string_view app_id, nlohmann::json& body) const override {
    body["notice"] = *static_cast<const std::string*>(part) + " " + std::string(app_id);
  }
};

struct Built {
  modules::CatalogSourceRegistry sources;
  std::shared_ptr<const runtime::Catalog> catalog;

  Built() {
    auto data = std::make_shared<apps::RuntimeData>();
    data->apps = {app("app_online", "online", "1.0.0"), app("app_offline", "offline", "1.0.0"),
                  app("app_draft", "draft", std::nullopt), app("app_elsewhere", "online", "2.0.0")};
    data->host_apps = {{"hst_1", "org_1", {{"app_online", {"getWallet"}, {}}, {"app_offline", {}, {}}, {"app_draft", {}, {}}}}};

    auto gray = std::make_shared<gray::GrayRuntimeData>();
    gray::Plan p;
    p.id = "gpl_ios";
    p.version = "1.1.0";
    p.rule = {{"groups", {{{"conditions", {{{"attribute", "platform"}, {"operator", "IN"}, {"values", {"ios"}}}}}}}}};
    auto live = gray::compile_plan(p);
    REQUIRE(live);
    gray->plans.push_back({.plan = std::move(*live),
                           .org_id = "org_1",
                           .app_id = "app_online",
                           .version = {"ver_110", "1.1.0", std::string(64, 'b'), 11, "sig2", ""},
                           .newer_than_released = true});
    gray->lists = std::make_shared<gray::UidListSets>();

    sources.add(std::make_shared<NoticeSource>());
    modules::CatalogParts parts;
    parts.put(std::string(apps::kCatalogPart), data);
    parts.put(std::string(gray::kCatalogPart), gray);
    parts.put("notice", std::make_shared<const std::string>("hello"));
    catalog = runtime::build_catalog(std::move(parts), sources, {"org_1"}, 1000);
  }

  std::string code_of(std::string_view host, std::string_view app_id) {
    const runtime::Context none;
    try {
      runtime::resolve_app(*catalog, {host, app_id, none, "10.0.0.1", core::TimePoint{}});
    } catch (const core::Error& e) {
      CHECK(e.status() == 404);
      return e.code();
    }
    return "ok";
  }
};

}  // namespace

TEST_CASE("the runtime answers the released version, or says precisely why not", "[unit][runtime]") {
  Built b;
  const runtime::Context android = {{"platform", "android"}};
  const auto answer = runtime::resolve_app(*b.catalog, {"hst_1", "app_online", android, "10.0.0.1", core::TimePoint{}});
  const auto body = nlohmann::json::parse(answer.body);
  CHECK(body["version"] == "1.0.0");
  CHECK(body["allowedApis"] == nlohmann::json({"getWallet"}));
  CHECK(body["gray"].is_null());
  CHECK(answer.etag.starts_with("\""));
  CHECK(body["notice"] == "hello app_online");  // a source the runtime does not know added it

  CHECK(b.code_of("hst_1", "app_offline") == "runtime.app_offline");
  CHECK(b.code_of("hst_1", "app_draft") == "runtime.not_released");
  CHECK(b.code_of("hst_1", "app_elsewhere") == "runtime.not_associated");
  CHECK(b.code_of("hst_1", "app_none") == "runtime.app_not_found");
  CHECK(b.code_of("hst_unknown", "app_online") == "runtime.not_associated");
}

TEST_CASE("a running gray plan answers the users its rule selects", "[unit][runtime]") {
  Built b;
  const runtime::Context ios = {{"platform", "ios"}, {"uid", "u1"}};
  const auto answer = runtime::resolve_app(*b.catalog, {"hst_1", "app_online", ios, "10.0.0.1", core::TimePoint{}});
  const auto body = nlohmann::json::parse(answer.body);
  CHECK(body["version"] == "1.1.0");
  CHECK(body["gray"]["planId"] == "gpl_ios");
  CHECK(runtime::may_download(*b.catalog, "hst_1", std::string(64, 'b')));  // the plan's package
  CHECK_FALSE(runtime::may_download(*b.catalog, "hst_1", std::string(64, 'c')));
}

TEST_CASE("request context is limited to the attributes rules read", "[unit][runtime]") {
  CHECK_NOTHROW(runtime::check_context({{"uid", "u1"}, {"ctx.channel", "beta"}}));
  try {
    runtime::check_context({{"hostApp", "hst_forged"}, {"platform", std::string(300, 'x')}});
    FAIL("expected validation_failed");
  } catch (const core::Error& e) {
    CHECK(e.details()["fields"]["hostApp"]["code"] == "unknown_parameter");  // the server supplies it
    CHECK(e.details()["fields"]["platform"]["code"] == "too_long");
  }
}

TEST_CASE("the launcher's page lists servable mini-programs only", "[unit][runtime]") {
  Built b;
  const auto page = nlohmann::json::parse(runtime::servable_page(*b.catalog, "hst_1", "", 50));
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["appId"] == "app_online");
  CHECK(page["nextCursor"].is_null());
}
