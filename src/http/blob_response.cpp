#include "http/blob_response.hpp"

#include <fmt/format.h>

#include "core/blob_store.hpp"
#include "core/error.hpp"
#include "http/errors.hpp"

namespace cove::http {

namespace {

// If-None-Match may list several tags, or "*".
bool etag_matches(std::string_view header, std::string_view etag) {
  if (header == "*") return true;
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    auto tag = header.substr(pos, comma - pos);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);  // weak comparison, as RFC 9110 asks for GET
    if (tag == etag) return true;
    pos = comma + 1;
  }
  return false;
}

}  // namespace

Response blob_response(const Request& req, const BlobServe& blob) {
  Response res;
  const auto etag = fmt::format("\"{}\"", blob.sha256);
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", std::string(blob.cache_control));
  res.headers.set("Accept-Ranges", "bytes");
  if (!blob.content_disposition.empty())
    res.headers.set("Content-Disposition", std::string(blob.content_disposition));
  if (const auto inm = req.headers.get("If-None-Match"); inm && etag_matches(*inm, etag)) {
    res.status = 304;
    return res;
  }
  res.headers.set("Content-Type", std::string(blob.content_type));

  core::ByteRange range{0, blob.size};
  const auto range_header = req.headers.get("Range");
  const auto if_range = req.headers.get("If-Range");
  // A Range with a stale If-Range validator gets the whole (new) representation.
  const bool use_range = range_header && (!if_range || *if_range == etag);
  if (use_range) {
    switch (core::parse_range(*range_header, blob.size, range)) {
      case core::RangeResult::kNone: range = {0, blob.size}; break;
      case core::RangeResult::kSatisfiable:
        res.status = 206;
        res.headers.set("Content-Range", fmt::format("bytes {}-{}/{}", range.offset,
                                                     range.offset + range.length - 1, blob.size));
        break;
      case core::RangeResult::kUnsatisfiable: {
        auto refused = error_json(
            core::Error(416, "range_not_satisfiable", "The requested range lies outside the content"),
            req.request_id);
        refused.headers.set("Content-Range", fmt::format("bytes */{}", blob.size));
        return refused;
      }
    }
  }
  res.file = FileBody{blob.path, range.offset, range.length};
  return res;
}

}  // namespace cove::http
