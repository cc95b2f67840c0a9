#pragma once
// The one error type services throw. The HTTP layer turns it into the documented error JSON
// {"code","message","details","requestId"}; anything else thrown becomes a generic 500.
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::core {

class Error : public std::exception {
 public:
  Error(int status, std::string code, std::string message,
        nlohmann::json details = nlohmann::json::object());

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const nlohmann::json& details() const noexcept { return details_; }
  const char* what() const noexcept override { return message_.c_str(); }

  // Common shapes, so codes stay consistent across modules.
  static Error bad_request(std::string code, std::string message);
  static Error unauthorized(std::string message = "Authentication required");
  static Error forbidden(std::string message = "You do not have permission to do this");
  static Error not_found(std::string code, std::string message);
  static Error conflict(std::string code, std::string message);
  static Error payload_too_large(std::uint64_t limit);
  // 507: the data directory has no space left (details.retryAfterSeconds → Retry-After).
  static Error storage_full();

 private:
  int status_;
  std::string code_;
  std::string message_;
  nlohmann::json details_;
};

// Collects per-field validation errors; throw_if_any() raises 400 `validation_failed` with
// details.fields = {"<field>": {"code": "...", "message": "..."}}.
class FieldErrors {
 public:
  void add(const std::string& field, std::string code, std::string message);
  bool empty() const noexcept { return fields_.empty(); }
  bool has(const std::string& field) const { return fields_.contains(field); }
  void throw_if_any() const;
  const nlohmann::json& fields() const noexcept { return fields_; }

 private:
  nlohmann::json fields_ = nlohmann::json::object();
};

}  // namespace cove::core
