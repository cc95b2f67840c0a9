#include "http/errors.hpp"

namespace cove::http {

Response error_json(const core::Error& error, std::string_view request_id) {
  nlohmann::json body = {{"code", error.code()},
                         {"message", error.message()},
                         {"details", error.details().is_null() ? nlohmann::json::object() : error.details()},
                         {"requestId", request_id}};
  auto res = Response::json(error.status(), body);
  if (error.status() == 401) res.headers.set("WWW-Authenticate", "Bearer");
  // Every 429, 503 and 507 tells clients when to come back, whichever part raised it.
  const int s = error.status();
  if ((s == 429 || s == 503 || s == 507) && error.details().contains("retryAfterSeconds") &&
      error.details()["retryAfterSeconds"].is_number_integer()) {
    res.headers.set("Retry-After", std::to_string(error.details()["retryAfterSeconds"].get<int>()));
  }
  return res;
}

Response internal_error_json(std::string_view request_id) {
  return error_json(core::Error(500, "internal_error",
                                "Something went wrong on our side; quote the request id when reporting it"),
                    request_id);
}

}  // namespace cove::http
