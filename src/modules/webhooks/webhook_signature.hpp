#pragma once
// The Standard Webhooks signature scheme (standardwebhooks.com): a secret "whsec_" + base64 of
// 24 random bytes; each delivery carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
// `webhook-signature` = "v1," + base64(HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")),
// several space-separated while a rotated secret is still honoured.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cove::webhooks {

// A fresh "whsec_…" secret.
std::string new_secret();
// "v1,<base64>" for one secret; throws std::invalid_argument for a malformed secret.
std::string sign(std::string_view secret, std::string_view message_id, std::int64_t timestamp_s,
                 std::string_view body);
// The header value: one signature per secret, space-separated, newest first.
std::string signature_header(const std::vector<std::string>& secrets, std::string_view message_id,
                             std::int64_t timestamp_s, std::string_view body);

}  // namespace cove::webhooks
