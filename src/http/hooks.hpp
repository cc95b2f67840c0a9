#pragma once
// Extension points modules install into the HTTP pipeline at start-up (before serving).
#include <functional>
#include <string>
#include <string_view>

#include "http/types.hpp"

namespace cove::http {

struct Hooks {
  // Resolves req.principal from credentials (cookie, bearer token, API key). Must not throw for
  // missing or bad credentials — the request simply stays a guest; guards decide.
  std::function<void(Request&)> identify;
  // Enforces a route's declared permission: throws core::Error 401/403/404. The request's path
  // parameters are set, so an org-scoped check can read {orgId}.
  std::function<void(Request&, const std::string& permission)> check_permission;
  // Whether a browser origin may call the API (CORS); defaults to the config's allowed origins.
  std::function<bool(std::string_view origin)> cors_allowed;
  // A write failed for lack of space ("database", "upload", "file"): readiness reports it.
  std::function<void(std::string_view what)> storage_full;
};

}  // namespace cove::http
