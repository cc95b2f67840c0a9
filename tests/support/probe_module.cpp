#include "support/probe_module.hpp"

#include <stdexcept>

#include "core/error.hpp"

namespace cove::test {

void ProbeModule::register_routes(http::Router& router) {
  auto probe = router.group("/api/v1/probe").open();

  probe.post("/echo", [](http::Request& req) {
    auto in = core::JsonInput::parse(req.body);
    const auto name = in.required_string("name", {.min_chars = 1, .max_chars = 10});
    const auto count = in.optional_int("count", 0, 100);
    in.finish();
    return http::Response::json(200, {{"name", name}, {"count", count.value_or(0)}});
  });

  probe.get("/boom", [](http::Request&) -> http::Response {
    throw std::runtime_error("SELECT secret_column FROM internal_table failed");
  });

  probe.get("/conflict", [](http::Request&) -> http::Response {
    throw core::Error::conflict("probe.conflict", "Already there");
  });

  probe.get("/items/{itemId}", [](http::Request& req) {
    return http::Response::json(200, {{"itemId", req.param("itemId")}});
  });
  probe.del("/items/{itemId}", [](http::Request&) { return http::Response::no_content(); });

  // A route that declares a permission: with no checker installed it must answer 403.
  router.group("/api/v1/probe-secure").get("/thing", [](http::Request&) {
    return http::Response::json(200, {{"ok", true}});
  }).permission("probe:read");

  // A guard that requires a header: 401 without it.
  auto guarded = router.group("/api/v1/probe-guarded");
  guarded.guard({"probe-token", [](http::Request& req) {
                   if (req.headers.get("X-Probe-Token") != "let-me-in") throw core::Error::unauthorized();
                 }});
  guarded.get("/thing", [](http::Request&) { return http::Response::json(200, {{"ok", true}}); });

  // Emits an event in a committed transaction, or in one that rolls back.
  probe.post("/events", [this](http::Request& req) {
    const bool fail = req.query_param("fail") == "1";
    std::int64_t id = 0;
    ctx_->db.write([&](core::Tx& tx) {
      ctx_->events.emit(tx, "probe.happened", {{"n", 1}});
      id = tx.last_insert_rowid();
      if (fail) throw core::Error::conflict("probe.rolled_back", "Rolled back on purpose");
    });
    return http::Response::json(201, {{"eventId", id}});
  });
}

void ProbeModule::subscribe(core::EventBus& events) {
  events.subscribe("probe", {"probe."}, [this](const core::Event& e) {
    std::lock_guard lock(mutex_);
    delivered_.push_back(e.id);
  });
}

}  // namespace cove::test
