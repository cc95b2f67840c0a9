#include "core/error.hpp"

#include <fmt/format.h>

namespace cove::core {

Error::Error(int status, std::string code, std::string message, nlohmann::json details)
    : status_(status), code_(std::move(code)), message_(std::move(message)),
      details_(std::move(details)) {}

Error Error::bad_request(std::string code, std::string message) {
  return Error(400, std::move(code), std::move(message));
}

Error Error::unauthorized(std::string message) {
  return Error(401, "unauthenticated", std::move(message));
}

Error Error::forbidden(std::string message) {
  return Error(403, "forbidden", std::move(message));
}

Error Error::not_found(std::string code, std::string message) {
  return Error(404, std::move(code), std::move(message));
}

Error Error::conflict(std::string code, std::string message) {
  return Error(409, std::move(code), std::move(message));
}

Error Error::payload_too_large(std::uint64_t limit) {
  return Error(413, "payload_too_large",
               fmt::format("The request body is larger than the limit of {} bytes", limit),
               {{"limit", limit}});
}

Error Error::storage_full() {
  return Error(507, "storage_full", "The server has no storage space left; try again later",
               {{"retryAfterSeconds", 60}});
}

void FieldErrors::add(const std::string& field, std::string code, std::string message) {
  // The first problem of a field is the one worth fixing first.
  if (fields_.contains(field)) return;
  fields_[field] = {{"code", std::move(code)}, {"message", std::move(message)}};
}

void FieldErrors::throw_if_any() const {
  if (fields_.empty()) return;
  throw Error(400, "validation_failed", "Some fields are invalid", {{"fields", fields_}});
}

}  // namespace cove::core
