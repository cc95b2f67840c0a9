#include "modules/apps/apps_routes.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "http/blob_response.hpp"
#include "http/download.hpp"

namespace cove::apps {

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

std::optional<std::string> read_query_filter(const http::Request& req, const char* name,
                                             std::size_t max_chars) {
  auto value = req.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  if (const auto code = core::check_string(*value, {.min_chars = 1, .max_chars = max_chars}); !code.empty()) {
    core::FieldErrors errors;
    errors.add(name, code, fmt::format("Use at most {} printable characters", max_chars));
    errors.throw_if_any();
  }
  return value;
}

Upload read_upload(const http::Request& req, const char* missing) {
  if (!req.upload) throw core::Error::bad_request("empty_body", missing);
  return {req.upload->path, req.upload->sha256, req.upload->size};
}

http::Response serve_blob(const http::Request& req, const BlobFile& blob, std::string_view cache_control,
                          bool attachment) {
  const auto disposition =
      attachment ? http::content_disposition("attachment", blob.file.name) : std::string();
  return http::blob_response(req, {.path = blob.path,
                                   .size = blob.size,
                                   .sha256 = blob.file.sha256,
                                   .content_type = blob.file.content_type,
                                   .cache_control = cache_control,
                                   .content_disposition = disposition});
}

}  // namespace cove::apps
