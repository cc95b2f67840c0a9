#pragma once
// The one place that writes the error JSON:
//   {"code":"apps.version_exists","message":"…","details":{},"requestId":"…"}
#include <string_view>

#include "core/error.hpp"
#include "http/types.hpp"

namespace cove::http {

Response error_json(const core::Error& error, std::string_view request_id);
// The generic 500: the cause goes to the log with the request id, never to the client.
Response internal_error_json(std::string_view request_id);

}  // namespace cove::http
