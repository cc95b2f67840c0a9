#include "modules/gray/uid_list_model.hpp"

#include "core/clock.hpp"

namespace cove::gray {

nlohmann::json to_json(const UidList& l) {
  return {{"id", l.id},
          {"orgId", l.org_id},
          {"name", l.name},
          {"description", l.description},
          {"size", l.size},
          {"revision", l.revision},
          {"createdBy", l.created_by},
          {"createdAt", core::format_rfc3339_millis(l.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(l.updated_ms)}};
}

}  // namespace cove::gray
