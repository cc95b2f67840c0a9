#pragma once
// Named UID lists (导入用户) of an organisation, as stored in `uid_lists` and `uid_list_members`:
// reusable across gray plans, editable by uploading a replacement or more ids.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::gray {

inline constexpr std::size_t kMaxUidListsPerOrg = 200;

struct UidList {
  std::string id;  // ulst_…
  std::string org_id;
  std::string name;
  std::string description;
  std::int64_t size = 0;      // distinct ids
  std::int64_t revision = 0;  // +1 on every content change
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const UidList&) const = default;
};

nlohmann::json to_json(const UidList& l);

}  // namespace cove::gray
