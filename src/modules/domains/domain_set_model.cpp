#include "modules/domains/domain_set_model.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace cove::domains {

std::string etag_of(const DomainSet& s) { return fmt::format("\"{}\"", s.revision); }

nlohmann::json to_json(const DomainSet& s) {
  auto out = lists_json(s.lists);
  out["revision"] = s.revision;
  out["updatedAt"] = s.updated_ms == 0 ? nlohmann::json(nullptr) : nlohmann::json(core::format_rfc3339_millis(s.updated_ms));
  return out;
}

std::string_view list_name(PlatformList list) { return list == PlatformList::kWhitelist ? "whitelist" : "blocklist"; }

nlohmann::json to_json(const PlatformDomain& d) {
  return {{"host", d.host},
          {"kinds", d.kinds},
          {"note", d.note},
          {"createdBy", d.created_by},
          {"createdAt", core::format_rfc3339_millis(d.created_ms)}};
}

}  // namespace cove::domains
