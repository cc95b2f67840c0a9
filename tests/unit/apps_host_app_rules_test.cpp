// Host-app identifier formats and request-field rules (src/modules/apps/host_app_rules.hpp,
// host_app_model.hpp), without HTTP.
#include <catch2/catch.hpp>

#include "modules/apps/host_app_model.hpp"
#include "modules/apps/host_app_rules.hpp"

using namespace cove;
using cove::apps::check_api_name;
using cove::apps::check_bundle_id;
using cove::apps::check_menu_id;

namespace {
// "com." followed by `n` letters: an identifier of n + 4 characters.
std::string domain(std::size_t n) { return std::string("com.").append(n, 'a'); }
}  // namespace

TEST_CASE("bundle ids follow each platform's rules", "[unit][host_apps]") {
  // Accepted as the stores accept them.
  CHECK(check_bundle_id("ios", "com.example.wallet").empty());
  CHECK(check_bundle_id("ios", "com.example.Wallet-Beta2").empty());
  CHECK(check_bundle_id("ios", "com.1example.app").empty());  // iOS segments may start with a digit
  CHECK(check_bundle_id("android", "com.example.wallet_pro").empty());
  CHECK(check_bundle_id("harmony", "com.example.wallet").empty());

  // Not reverse-DNS: one segment, empty segments, characters the platform forbids.
  CHECK(check_bundle_id("ios", "wallet") == "invalid_format");
  CHECK(check_bundle_id("ios", "com..wallet") == "invalid_format");
  CHECK(check_bundle_id("ios", ".com.wallet") == "invalid_format");
  CHECK(check_bundle_id("ios", "com.wallet.") == "invalid_format");
  CHECK(check_bundle_id("ios", "com.example.wallet_pro") == "invalid_format");
  CHECK(check_bundle_id("ios", "com.example/wallet") == "invalid_format");
  CHECK(check_bundle_id("android", "com.example.wallet-pro") == "invalid_format");
  CHECK(check_bundle_id("android", "com.1example.app") == "invalid_format");
  CHECK(check_bundle_id("android", "com._example.app") == "invalid_format");
  CHECK(check_bundle_id("harmony", "1com.example.app") == "invalid_format");
  CHECK(check_bundle_id("harmony", "com.example-x.app") == "invalid_format");
  CHECK(check_bundle_id("windows", "com.example.app") == "invalid_format");

  // Lengths.
  CHECK(check_bundle_id("ios", "a.") == "too_short");
  CHECK(check_bundle_id("harmony", "c.abcd") == "too_short");
  CHECK(check_bundle_id("harmony", "c.abcde").empty());
  CHECK(check_bundle_id("ios", domain(151)).empty());  // 155
  CHECK(check_bundle_id("ios", domain(152)) == "too_long");
  CHECK(check_bundle_id("android", domain(146)).empty());  // 150
  CHECK(check_bundle_id("android", domain(147)) == "too_long");
  CHECK(check_bundle_id("harmony", domain(125)) == "too_long");
}

TEST_CASE("custom API names and menu ids", "[unit][host_apps]") {
  CHECK(check_api_name("getUserWallet").empty());
  CHECK(check_api_name("pay2").empty());
  CHECK(check_api_name("GetUserWallet") == "invalid_format");  // SDK methods start lowercase
  CHECK(check_api_name("get_wallet") == "invalid_format");
  CHECK(check_api_name("get wallet") == "invalid_format");
  CHECK(check_api_name("p") == "too_short");
  CHECK(check_api_name(std::string(65, 'a')) == "too_long");

  CHECK(check_menu_id("share").empty());
  CHECK(check_menu_id("share_to-chat2").empty());
  CHECK(check_menu_id("2share") == "invalid_format");
  CHECK(check_menu_id("share.chat") == "invalid_format");
  CHECK(check_menu_id("") == "too_short");
  CHECK(check_menu_id(std::string(65, 'm')) == "too_long");
}

TEST_CASE("host app request fields", "[unit][host_apps]") {
  const auto read = [](const char* body, bool creating) {
    auto in = core::JsonInput::parse(body);
    auto fields = apps::read_host_app_fields(in, creating);
    in.finish();
    return fields;
  };
  const auto field_errors = [&](const char* body, bool creating) {
    try {
      read(body, creating);
    } catch (const core::Error& e) {
      return e.details()["fields"];
    }
    return nlohmann::json();
  };

  SECTION("a valid body is read completely, bundle ids sorted") {
    const auto f = read(R"({"name":"Wallet","bundleIds":[{"platform":"ios","id":"com.a.b"},
        {"platform":"android","id":"com.a.b"}],"customApis":[{"name":"pay"}],"menus":[{"id":"m","title":"M"}]})",
                        true);
    CHECK(*f.name == "Wallet");
    REQUIRE(f.bundles->size() == 2);
    CHECK((*f.bundles)[0] == apps::BundleId{"android", "com.a.b"});
    CHECK((*f.custom_apis)[0] == apps::CustomApi{"pay", ""});
    CHECK((*f.menus)[0] == apps::MenuItem{"m", "M"});
    CHECK_FALSE(f.status);
  }
  SECTION("an update may leave everything out") {
    const auto f = read("{}", false);
    CHECK_FALSE(f.name);
    CHECK_FALSE(f.bundles);
    CHECK_FALSE(f.custom_apis);
  }
  SECTION("two per platform, three platforms") {
    CHECK(field_errors(R"({"bundleIds":[{"platform":"ios","id":"com.a.b"},{"platform":"ios","id":"com.a.c"},
        {"platform":"android","id":"com.a.b"},{"platform":"android","id":"com.a.c"},
        {"platform":"harmony","id":"com.a.bcd"},{"platform":"harmony","id":"com.a.cde"}]})",
                       false)
              .is_null());
    CHECK(field_errors(
              R"({"bundleIds":[{"platform":"android","id":"com.a.b"},{"platform":"android","id":"com.a.c"},
        {"platform":"android","id":"com.a.d"}]})",
              false)["bundleIds"]["code"] == "too_many");
    CHECK(field_errors(R"({"bundleIds":[1,2,3,4,5,6,7]})", false)["bundleIds"]["code"] == "too_many");
  }
  SECTION("the same bundle id on two platforms is two entries") {
    CHECK(field_errors(
              R"({"bundleIds":[{"platform":"ios","id":"com.a.b"},{"platform":"android","id":"com.a.b"}]})",
              false)
              .is_null());
  }
  SECTION("every bad field is reported") {
    const auto e = field_errors(
        R"({"name":"","status":"on","customApis":[{"name":"pay"},{"name":"pay"}],"menus":"share","x":1})",
        false);
    CHECK(e["name"]["code"] == "required");
    CHECK(e["status"]["code"] == "unknown_value");
    CHECK(e["customApis[1].name"]["code"] == "duplicate");
    CHECK(e["menus"]["code"] == "invalid_type");
    CHECK(e["x"]["code"] == "unknown_field");
  }
  SECTION("grant lists") {
    auto in = core::JsonInput::parse(R"({"allowedApis":["pay","getUserWallet"]})");
    const auto g = apps::read_grant_fields(in);
    in.finish();
    CHECK(g.allowed_apis == std::vector<std::string>{"pay", "getUserWallet"});
    CHECK(g.allowed_menus.empty());
  }
}
