// Idempotency-Key on mutating /api/v1 requests (src/http/idempotency.hpp): a retry replays the
// first response instead of running the handler again; misuse is refused with the documented codes.
#include <future>
#include <thread>

#include "core/crypto.hpp"
#include "idempotency_world.hpp"
#include "support/manual_clock.hpp"

using namespace cove;
using cove::test::idem::IdempotencyWorld;
using http::Method;

TEST_CASE("a retry with the same key replays the first response and the handler runs once",
          "[api][idempotency]") {
  IdempotencyWorld w;
  const auto first = w.send(w.owner.token, Method::kPost, "things", "retry-1", R"({"x":1})");
  REQUIRE(first.status == 201);
  CHECK_FALSE(first.headers.has("Idempotent-Replayed"));

  const auto again = w.send(w.owner.token, Method::kPost, "things", "retry-1", R"({"x":1})");
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.headers.get("Idempotent-Replayed") == "true");
  CHECK(again.headers.get("Location") == first.headers.get("Location"));
  CHECK(again.headers.get("Content-Type") == first.headers.get("Content-Type"));
  // A replay is still a response of its own, with its own request id.
  CHECK(again.headers.get("X-Request-Id") != first.headers.get("X-Request-Id"));
  CHECK(w.probe->things == 1);

  SECTION("without a key every request runs") {
    CHECK(w.send(w.owner.token, Method::kPost, "things", "", R"({"x":1})").json()["n"] == 2);
    CHECK(w.send(w.owner.token, Method::kPost, "things", "", R"({"x":1})").json()["n"] == 3);
  }
  SECTION("a new key is a new request") {
    CHECK(w.send(w.owner.token, Method::kPost, "things", "retry-2", R"({"x":1})").json()["n"] == 2);
  }
}

TEST_CASE("a key used for a different request is refused with 422", "[api][idempotency]") {
  IdempotencyWorld w;
  REQUIRE(w.send(w.owner.token, Method::kPost, "things", "k-1", R"({"x":1})").status == 201);

  const auto other_body = w.send(w.owner.token, Method::kPost, "things", "k-1", R"({"x":2})");
  CHECK(other_body.status == 422);
  CHECK(other_body.json()["code"] == "idempotency.key_reused");
  const auto other_route = w.send(w.owner.token, Method::kPost, "big", "k-1", R"({"x":1})");
  CHECK(other_route.status == 422);
  CHECK(w.probe->things == 1);
  CHECK(w.probe->bigs == 0);
}

TEST_CASE("keys belong to one principal: users and API keys never see each other's", "[api][idempotency]") {
  IdempotencyWorld w;
  const auto body = R"({"x":1})";
  CHECK(w.send(w.owner.token, Method::kPost, "things", "shared", body).json()["n"] == 1);
  const auto by_developer = w.send(w.developer.token, Method::kPost, "things", "shared", body);
  CHECK(by_developer.json()["n"] == 2);
  CHECK_FALSE(by_developer.headers.has("Idempotent-Replayed"));
  const auto by_key = w.send(w.api_key, Method::kPost, "things", "shared", body);
  CHECK(by_key.json()["n"] == 3);
  CHECK_FALSE(by_key.headers.has("Idempotent-Replayed"));
  // Each principal's retry replays its own first response.
  CHECK(w.send(w.owner.token, Method::kPost, "things", "shared", body).json()["n"] == 1);
  CHECK(w.send(w.api_key, Method::kPost, "things", "shared", body).json()["n"] == 3);
  CHECK(w.probe->things == 3);
}

TEST_CASE("server errors are not kept: the retry runs again", "[api][idempotency]") {
  IdempotencyWorld w;
  for (int attempt = 1; attempt <= 2; ++attempt) {
    const auto r = w.send(w.owner.token, Method::kPost, "unavailable", "flaky");
    CHECK(r.status == 503);
    CHECK_FALSE(r.headers.has("Idempotent-Replayed"));
    CHECK(w.probe->unavailable == attempt);
  }
  for (int attempt = 1; attempt <= 2; ++attempt) {
    const auto r = w.send(w.owner.token, Method::kPost, "crash", "crashy");
    CHECK(r.status == 500);
    CHECK(w.probe->crashes == attempt);
  }
  CHECK(w.stored_rows() == 0);
}

TEST_CASE("a malformed key is a 400 and the handler does not run", "[api][idempotency]") {
  IdempotencyWorld w;
  for (const std::string& key :
       {std::string("has space"), std::string(256, 'k'), std::string("ключ"), std::string("tab\there")}) {
    INFO(key);
    const auto r = w.send(w.owner.token, Method::kPost, "things", key);
    CHECK(r.status == 400);
    CHECK(r.json()["code"] == "validation_failed");
    CHECK(r.json()["details"]["fields"].contains("Idempotency-Key"));
  }
  CHECK(w.probe->things == 0);
  CHECK(w.send(w.owner.token, Method::kPost, "things", std::string(255, '~')).status == 201);
}

TEST_CASE("a streamed upload is fingerprinted by its content", "[api][idempotency]") {
  IdempotencyWorld w;
  const std::string package(300 * 1024, 'p');
  const auto first = w.send(w.api_key, Method::kPut, "upload", "up-1", package);
  REQUIRE(first.status == 201);
  CHECK(first.json()["sha256"] == core::crypto::sha256_hex(package));

  const auto again = w.send(w.api_key, Method::kPut, "upload", "up-1", package);
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(again.headers.get("Idempotent-Replayed") == "true");

  std::string changed = package;
  changed[1000] = 'q';  // same size, other content
  const auto reused = w.send(w.api_key, Method::kPut, "upload", "up-1", changed);
  CHECK(reused.status == 422);
  CHECK(reused.json()["code"] == "idempotency.key_reused");
  CHECK(w.probe->uploads == 1);
}

TEST_CASE("a retry while the first request runs is told to come back", "[api][idempotency]") {
  IdempotencyWorld w;
  auto first =
      std::async(std::launch::async, [&] { return w.send(w.owner.token, Method::kPost, "slow", "slow-1"); });
  REQUIRE(w.probe->wait_for_slow());

  const auto busy = w.send(w.owner.token, Method::kPost, "slow", "slow-1");
  CHECK(busy.status == 409);
  CHECK(busy.json()["code"] == "idempotency.in_progress");
  CHECK(busy.headers.get("Retry-After") == "1");

  w.probe->release_slow();
  const auto done = first.get();
  CHECK(done.status == 201);
  const auto replay = w.send(w.owner.token, Method::kPost, "slow", "slow-1");
  CHECK(replay.status == 201);
  CHECK(replay.headers.get("Idempotent-Replayed") == "true");
}

TEST_CASE("keys expire after the configured time and expired rows are pruned", "[api][idempotency]") {
  test::ManualClock clock;
  IdempotencyWorld w(&clock);
  CHECK(w.send(w.api_key, Method::kPost, "things", "day-1", R"({"x":1})").json()["n"] == 1);
  CHECK(w.send(w.api_key, Method::kPost, "things", "day-2", R"({"x":1})").json()["n"] == 2);

  clock.advance(std::chrono::hours(23));
  CHECK(w.send(w.api_key, Method::kPost, "things", "day-1", R"({"x":1})").headers.has("Idempotent-Replayed"));

  clock.advance(std::chrono::hours(2));
  // Expired: the key is free again, even for a different request.
  const auto fresh = w.send(w.api_key, Method::kPost, "things", "day-1", R"({"x":2})");
  CHECK(fresh.status == 201);
  CHECK(fresh.json()["n"] == 3);
  CHECK_FALSE(fresh.headers.has("Idempotent-Replayed"));
  // day-2 expired too and was deleted by that claim; only the new day-1 row is left.
  CHECK(w.stored_rows() == 1);
}

TEST_CASE("a response too large to keep is not replayed and not repeated", "[api][idempotency]") {
  IdempotencyWorld w;
  const auto first = w.send(w.owner.token, Method::kPost, "big", "big-1");
  REQUIRE(first.status == 200);
  CHECK(first.body.size() == 1536 * 1024);
  const auto again = w.send(w.owner.token, Method::kPost, "big", "big-1");
  CHECK(again.status == 409);
  CHECK(again.json()["code"] == "idempotency.response_not_stored");
  CHECK(again.json()["details"]["status"] == 200);
  CHECK(w.probe->bigs == 1);
}

TEST_CASE("stored responses are sealed, and guests are not served from the table", "[api][idempotency]") {
  IdempotencyWorld w;
  REQUIRE(w.send(w.owner.token, Method::kPost, "things", "sealed", R"({"secret":"canary-7f3a"})").status ==
          201);
  const auto stored = w.server.app().db().read([](core::Conn& c) {
    auto& st = c.prepare("SELECT response_body FROM idempotency_keys");
    REQUIRE(st.executeStep());
    const auto col = st.getColumn(0);
    return std::string(static_cast<const char*>(col.getBlob()), static_cast<std::size_t>(col.getBytes()));
  });
  CHECK_FALSE(stored.empty());
  CHECK(stored.find("canary-7f3a") == std::string::npos);

  http::Headers guest;
  guest.set("Idempotency-Key", "guest-1");
  auto client = w.server.client();
  CHECK(client.request(Method::kPost, "/api/v1/idem-probe/public", guest, "{}").json()["n"] == 1);
  const auto second = client.request(Method::kPost, "/api/v1/idem-probe/public", guest, "{}");
  CHECK(second.json()["n"] == 2);
  CHECK_FALSE(second.headers.has("Idempotent-Replayed"));
}
