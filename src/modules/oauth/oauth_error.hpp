#pragma once
// OAuth endpoints answer errors in RFC 6749 §5.2 form — {"error", "error_description"} — which
// every OAuth client library parses, not Cove's {"code", …} shape. Services throw OAuthError;
// the routes' wrapper (oauth_routes.cpp) writes it, and turns a core::Error from shared code
// (SDK signature checks, limits) into the same shape with Cove's code kept beside it.
#include <stdexcept>
#include <string>

namespace cove::oauth {

class OAuthError : public std::runtime_error {
 public:
  OAuthError(int status, std::string error, std::string description)
      : std::runtime_error(description), status_(status), error_(std::move(error)) {}
  int status() const noexcept { return status_; }
  const std::string& error() const noexcept { return error_; }
  std::string description() const { return what(); }

 private:
  int status_;
  std::string error_;
};

inline OAuthError invalid_request(std::string d) { return {400, "invalid_request", std::move(d)}; }
inline OAuthError invalid_client(std::string d) { return {401, "invalid_client", std::move(d)}; }
inline OAuthError invalid_grant(std::string d) { return {400, "invalid_grant", std::move(d)}; }
inline OAuthError unauthorized_client(std::string d) { return {400, "unauthorized_client", std::move(d)}; }
inline OAuthError invalid_scope(std::string d) { return {400, "invalid_scope", std::move(d)}; }
inline OAuthError invalid_token(std::string d) { return {401, "invalid_token", std::move(d)}; }

}  // namespace cove::oauth
