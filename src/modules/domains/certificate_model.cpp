#include "modules/domains/certificate_model.hpp"

#include "core/clock.hpp"

namespace cove::domains {

nlohmann::json to_json(const Certificate& c, std::int64_t now_ms) {
  const auto& i = c.info;
  const auto left_ms = i.not_after_ms - now_ms;
  return {{"id", c.id},
          {"scope", c.scope},
          {"orgId", c.org_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.org_id)},
          {"names", i.names},
          {"subject", i.subject},
          {"issuer", i.issuer},
          {"serial", i.serial},
          {"notBefore", core::format_rfc3339_millis(i.not_before_ms)},
          {"notAfter", core::format_rfc3339_millis(i.not_after_ms)},
          {"daysLeft", left_ms < 0 ? -((-left_ms + 86399999) / 86400000) : left_ms / 86400000},
          {"keyType", i.key_type},
          {"keyBits", i.key_bits},
          {"fingerprint", i.fingerprint},
          {"selfSigned", i.self_signed},
          {"hasKey", !c.sealed_key.empty()},
          {"createdAt", core::format_rfc3339_millis(c.created_ms)}};
}

}  // namespace cove::domains
