#pragma once
// Serving content-addressed blobs (DESIGN.md §5): `ETag` is the SHA-256, so `If-None-Match`
// answers 304 and `If-Range` is exact; a single `Range` answers 206 (or 416 when it lies past the
// end); the bytes go out as a file region, never read into memory.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "http/types.hpp"

namespace cove::http {

struct BlobServe {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::string_view sha256;
  std::string_view content_type;
  std::string_view cache_control;        // "public, max-age=31536000, immutable", "private, no-cache"
  std::string_view content_disposition;  // "" = none
};

Response blob_response(const Request& req, const BlobServe& blob);

}  // namespace cove::http
