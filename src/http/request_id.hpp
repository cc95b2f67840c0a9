#pragma once
#include <string>
#include <string_view>

namespace cove::http {

// A client-supplied X-Request-Id is kept when it is short and plain (so it cannot inject into
// logs); otherwise a new one is made: a per-process random prefix plus a counter — unique and
// cheap, with no CSPRNG call on the hot path.
std::string request_id_for(std::string_view supplied);

}  // namespace cove::http
