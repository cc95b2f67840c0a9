// The live notification stream (Server-Sent Events): the unread count at once, each new
// notification as it is delivered, the count again after reading; a per-user cap that closes the
// oldest stream; and a shutdown that does not wait for streams.
#include <catch2/catch.hpp>

#include <chrono>

#include "notify_steps.hpp"
#include "support/raw_socket.hpp"

using namespace cove;
using cove::http::Method;
using namespace std::chrono_literals;

namespace {

// Opens the stream as `token` and reads the head and the first ("ready") frame.
std::string open_stream(test::RawSocket& s, const std::string& token) {
  REQUIRE(s.send("GET /api/v1/me/notifications/stream HTTP/1.1\r\nHost: cove.test\r\nAuthorization: Bearer " +
                 token + "\r\n\r\n"));
  const auto head = s.read_until("\r\n\r\n", 5s);
  REQUIRE(head);
  CHECK(head->starts_with("HTTP/1.1 200"));
  CHECK(head->find("Content-Type: text/event-stream") != std::string::npos);
  CHECK(head->find("Content-Length") == std::string::npos);  // the body runs until the close
  const auto ready = s.read_until("\n\n", 5s);
  REQUIRE(ready);
  return *ready;
}

}  // namespace

TEST_CASE("the stream carries new notifications and the unread count as they happen", "[api][notify][sse]") {
  test::World w = test::given() | test::pending_org("A") | test::operators();
  auto& a = w.org("A");
  test::RawSocket s(w.server.port());
  const auto ready = open_stream(s, a.owner().token);
  CHECK(ready == "event: ready\ndata: {\"unreadCount\":0}\n\n");

  test::approve(w, a.id);
  const auto frame = s.read_until("\n\n", 10s);
  REQUIRE(frame);
  CHECK(frame->starts_with("event: notification\ndata: {"));
  CHECK(frame->find(R"("kind":"org.approved")") != std::string::npos);
  CHECK(frame->find(R"("unreadCount":1)") != std::string::npos);

  REQUIRE(w.call(Method::kPost, "/api/v1/me/notifications/read-all", a.owner().token).status == 200);
  const auto count = s.read_until("\n\n", 5s);
  REQUIRE(count);
  CHECK(*count == "event: unread\ndata: {\"unreadCount\":0}\n\n");
}

TEST_CASE("the stream needs a signed-in user", "[api][notify][sse]") {
  test::World w = test::given();
  const auto r = w.call(Method::kGet, "/api/v1/me/notifications/stream", "");
  CHECK(r.status == 401);
  CHECK(r.json()["code"] == "unauthenticated");
}

TEST_CASE("a user's streams are capped: a new one closes their oldest", "[api][notify][sse]") {
  test::TestServerOptions options;
  options.configure = [](core::Config& c) { c.set("notify.streamsPerUser", 2); };
  test::World w = test::given(options) | test::org("A").owner().admin();
  auto& a = w.org("A");
  test::RawSocket first(w.server.port()), second(w.server.port()), third(w.server.port()), other(w.server.port());
  open_stream(first, a.owner().token);
  open_stream(second, a.owner().token);
  open_stream(other, a.admin().token);
  open_stream(third, a.owner().token);
  CHECK(first.closed_within(5s));
  CHECK_FALSE(second.readable_within(300ms));
  CHECK_FALSE(other.readable_within(10ms));
}

TEST_CASE("a shutdown ends open streams without waiting for them", "[api][notify][sse]") {
  test::World w = test::given() | test::org("A").owner();
  test::RawSocket s(w.server.port());
  open_stream(s, w.org("A").owner().token);
  const auto started = std::chrono::steady_clock::now();
  w.server.stop();
  CHECK(std::chrono::steady_clock::now() - started < 5s);
  CHECK(s.closed_within(2s));
}
