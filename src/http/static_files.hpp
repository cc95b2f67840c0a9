#pragma once
// Serves the embedded web console: exact asset paths, SPA fallback to index.html for client-side
// routes, precompressed gzip when the client accepts it, immutable caching for hashed assets,
// ETag/304, and a strict CSP on HTML. Traversal attempts ("..", "%2e%2e", NUL, backslash) are
// answered 404 before any lookup; lookups are in an in-memory table, never the file system.
#include <span>
#include <string>
#include <unordered_map>

#include "core/embedded.hpp"
#include "http/types.hpp"

namespace cove::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::span<const core::EmbeddedFile> files);
  Response serve(const Request& req) const;

  static bool is_traversal_attempt(std::string_view path);
  static std::string_view content_type_for(std::string_view path);

 private:
  Response respond_with(const Request& req, const core::EmbeddedFile& file) const;
  std::unordered_map<std::string_view, const core::EmbeddedFile*> by_path_;
  const core::EmbeddedFile* index_ = nullptr;
};

}  // namespace cove::http
