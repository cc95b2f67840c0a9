// SdkRequestAuth (DESIGN.md §4.1): signed SDK requests against a host-app directory built here,
// no database. Every signature is built the way the contract describes it — HMAC-SHA256 over the
// lines, lowercase hex — independently of the code under test.
#include <cctype>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/snapshot_store.hpp"
#include "modules/apps/nonce_cache.hpp"
#include "modules/apps/sdk_auth.hpp"
#include "modules/apps/sdk_directory.hpp"
#include "support/manual_clock.hpp"

using namespace cove;

namespace {

constexpr std::int64_t kNowSeconds = 1'700'000'000;
constexpr std::int64_t kSkewSeconds = 300;
constexpr std::string_view kSecret = "cove_ss_c2VjcmV0LW9mLXRoZS1hY3RpdmUtaG9zdA";
constexpr std::string_view kDisabledSecret = "cove_ss_c2VjcmV0LW9mLXRoZS1kaXNhYmxlZC1ob3N0";
constexpr std::string_view kBundle = "com.example.wallet";

std::shared_ptr<const apps::SdkHost> sdk_host(std::string id, std::string sdk_key, std::string_view secret,
                                              bool active) {
  auto h = std::make_shared<apps::SdkHost>();
  h->id = std::move(id);
  h->org_id = "org_1";
  h->sdk_key = std::move(sdk_key);
  h->signing = std::make_shared<const core::crypto::HmacSha256Key>(secret);
  h->active = active;
  h->bundle_ids.insert(std::string(kBundle));
  return h;
}

std::shared_ptr<const apps::SdkDirectory> test_directory() {
  auto d = std::make_shared<apps::SdkDirectory>();
  d->by_sdk_key.emplace("sdk_active", sdk_host("hst_active", "sdk_active", kSecret, true));
  d->by_sdk_key.emplace("sdk_disabled", sdk_host("hst_disabled", "sdk_disabled", kDisabledSecret, false));
  return d;
}

// What the SDK sends, and the lines it signs after METHOD, TARGET, TIMESTAMP and NONCE.
struct SignedRequest {
  std::string method = "GET";
  std::string target = "/runtime/v1/apps/app_1?uid=u%201";
  std::string body;
  std::string sdk_key = "sdk_active";
  std::string bundle_id = std::string(kBundle);
  std::int64_t timestamp = kNowSeconds;
  std::string nonce = "n0nce-0123456789abcdef";
  std::string secret = std::string(kSecret);
  std::vector<std::string> signed_lines;
};

std::string signature_of(const SignedRequest& s) {
  std::string text = s.method + "\n" + s.target + "\n" + std::to_string(s.timestamp) + "\n" + s.nonce;
  for (const auto& line : s.signed_lines) text += "\n" + line;
  return core::crypto::hex(core::crypto::hmac_sha256(s.secret, text));
}

http::Request request_of(const SignedRequest& s) {
  http::Request r;
  r.method = http::parse_method(s.method);
  r.method_text = s.method;
  r.target = s.target;
  r.body = s.body;
  r.headers.set("X-Cove-Sdk-Key", s.sdk_key);
  r.headers.set("X-Cove-Bundle-Id", s.bundle_id);
  r.headers.set("X-Cove-Timestamp", std::to_string(s.timestamp));
  r.headers.set("X-Cove-Nonce", s.nonce);
  r.headers.set("X-Cove-Signature", signature_of(s));
  return r;
}

// A POST whose body is signed as the contract says: its SHA-256 in lowercase hex as a fifth line.
SignedRequest post_with_body(std::string body) {
  SignedRequest s;
  s.method = "POST";
  s.target = "/runtime/v1/events";
  s.signed_lines = {core::crypto::sha256_hex(body)};
  s.body = std::move(body);
  return s;
}

struct AuthWorld {
  test::ManualClock clock{core::TimePoint(std::chrono::seconds(kNowSeconds))};
  std::shared_ptr<const apps::SdkDirectory> hosts = test_directory();
  core::SnapshotStore<apps::SdkDirectory> directory{"test SDK host apps", [this] { return hosts; }};
  apps::NonceCache nonces;
  apps::SdkRequestAuth auth{
      clock, directory, nonces,
      apps::SdkAuthOptions{.clock_skew_seconds = kSkewSeconds, .nonce_window_seconds = 600}};

  AuthWorld() { directory.start(); }
  ~AuthWorld() { directory.stop(); }

  // The status and code of the refusal; {0, ""} when the request is accepted.
  std::pair<int, std::string> refusal(const http::Request& req,
                                      std::initializer_list<std::string_view> extra = {}) {
    try {
      auth.verify(req, extra);
    } catch (const core::Error& e) {
      return {e.status(), e.code()};
    }
    return {0, ""};
  }
  std::pair<int, std::string> refusal(const SignedRequest& s) { return refusal(request_of(s)); }
};

const std::pair<int, std::string> kAccepted{0, ""};

}  // namespace

TEST_CASE("sdk auth: a correctly signed GET names its host app", "[apps][sdk_auth]") {
  AuthWorld w;
  const auto host = w.auth.verify(request_of(SignedRequest{}));
  REQUIRE(host);
  CHECK(host->id == "hst_active");
  CHECK(host->org_id == "org_1");
}

TEST_CASE("sdk auth: a body is signed by its SHA-256 as a fifth line", "[apps][sdk_auth]") {
  AuthWorld w;
  const std::string body = R"({"events":[{"name":"launch"}]})";

  SECTION("signed over the body hash: accepted") { CHECK(w.refusal(post_with_body(body)) == kAccepted); }

  SECTION("signed without the body hash: refused") {
    auto s = post_with_body(body);
    s.signed_lines.clear();
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }

  SECTION("the body changed after signing: refused") {
    auto req = request_of(post_with_body(body));
    req.body = R"({"events":[{"name":"crash"}]})";
    CHECK(w.refusal(req) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }

  SECTION("a body streamed to a file is signed the same way, by the hash taken while it arrived") {
    auto req = request_of(post_with_body(body));
    req.body.clear();
    req.upload = http::UploadedFile{};
    req.upload->sha256 = core::crypto::sha256_hex(body);
    req.upload->size = body.size();
    CHECK(w.refusal(req) == kAccepted);
    auto changed = request_of(post_with_body(body));
    changed.body.clear();
    changed.upload = http::UploadedFile{};
    changed.upload->sha256 = core::crypto::sha256_hex(body + "!");
    changed.upload->size = body.size() + 1;
    CHECK(w.refusal(changed) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }

  SECTION("a hash in upper case is not the contract's") {
    auto s = post_with_body(body);
    for (auto& c : s.signed_lines[0]) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }
}

TEST_CASE("sdk auth: extra lines a caller names are signed after the body hash", "[apps][sdk_auth]") {
  AuthWorld w;

  SECTION("a GET signing the X-Cove-User line") {
    SignedRequest s;
    s.signed_lines = {"usr_42"};
    CHECK(w.refusal(request_of(s), {"usr_42"}) == kAccepted);
  }

  SECTION("the line the caller checks differs from the one signed") {
    SignedRequest s;
    s.signed_lines = {"usr_42"};
    CHECK(w.refusal(request_of(s), {"usr_43"}) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }

  SECTION("signed without the line the caller requires") {
    CHECK(w.refusal(request_of(SignedRequest{}), {"usr_42"}) ==
          std::pair<int, std::string>{401, "runtime.bad_signature"});
  }

  SECTION("a body and an extra line: the body hash comes first") {
    const std::string body = "grant_type=authorization_code";
    auto s = post_with_body(body);
    s.signed_lines.push_back("usr_42");
    CHECK(w.refusal(request_of(s), {"usr_42"}) == kAccepted);

    auto swapped = post_with_body(body);
    swapped.nonce = "n0nce-fedcba9876543210";
    swapped.signed_lines.insert(swapped.signed_lines.begin(), "usr_42");
    CHECK(w.refusal(request_of(swapped), {"usr_42"}) ==
          std::pair<int, std::string>{401, "runtime.bad_signature"});
  }
}

TEST_CASE("sdk auth: the timestamp must be within the clock-skew window", "[apps][sdk_auth]") {
  AuthWorld w;
  SignedRequest s;

  SECTION("at the edge of the window: accepted") {
    s.timestamp = kNowSeconds - kSkewSeconds;
    CHECK(w.refusal(s) == kAccepted);
  }
  SECTION("too old") {
    s.timestamp = kNowSeconds - kSkewSeconds - 1;
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.clock_skew"});
  }
  SECTION("too far ahead") {
    s.timestamp = kNowSeconds + kSkewSeconds + 1;
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.clock_skew"});
  }
  SECTION("the server's clock moved on") {
    w.clock.advance(std::chrono::seconds(kSkewSeconds + 1));
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.clock_skew"});
  }
  SECTION("not Unix seconds") {
    auto req = request_of(s);
    req.headers.set("X-Cove-Timestamp", "2023-11-14T22:13:20Z");
    CHECK(w.refusal(req) == std::pair<int, std::string>{401, "runtime.unauthenticated"});
  }
}

TEST_CASE("sdk auth: each refusal has its code", "[apps][sdk_auth]") {
  AuthWorld w;
  SignedRequest s;

  SECTION("unknown SDK key") {
    s.sdk_key = "sdk_nobody";
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.unknown_sdk_key"});
  }
  SECTION("signed with another secret") {
    s.secret = std::string(kDisabledSecret);
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }
  SECTION("a signature over another target") {
    auto req = request_of(s);
    req.target = "/runtime/v1/apps/app_2?uid=u%201";
    CHECK(w.refusal(req) == std::pair<int, std::string>{401, "runtime.bad_signature"});
  }
  SECTION("a bundle id the host app did not register") {
    s.bundle_id = "com.example.other";
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.bundle_mismatch"});
  }
  SECTION("a disabled host app, correctly signed") {
    s.sdk_key = "sdk_disabled";
    s.secret = std::string(kDisabledSecret);
    CHECK(w.refusal(s) == std::pair<int, std::string>{403, "runtime.host_app_disabled"});
  }
  SECTION("a missing header") {
    auto req = request_of(s);
    req.headers.remove("X-Cove-Nonce");
    CHECK(w.refusal(req) == std::pair<int, std::string>{401, "runtime.unauthenticated"});
  }
  SECTION("a nonce shorter than 16 characters") {
    s.nonce = "short-nonce";
    CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.unauthenticated"});
  }
}

TEST_CASE("sdk auth: a nonce is accepted once", "[apps][sdk_auth]") {
  AuthWorld w;
  const auto req = request_of(SignedRequest{});
  CHECK(w.refusal(req) == kAccepted);
  CHECK(w.refusal(req) == std::pair<int, std::string>{401, "runtime.replay"});
}

TEST_CASE("sdk auth: a refused request does not use up its nonce", "[apps][sdk_auth]") {
  AuthWorld w;
  SignedRequest s;
  s.bundle_id = "com.example.other";
  CHECK(w.refusal(s) == std::pair<int, std::string>{401, "runtime.bundle_mismatch"});
  s.bundle_id = std::string(kBundle);
  CHECK(w.refusal(s) == kAccepted);
}
