#pragma once
// SQL for the platform's list of base-library (基础库) versions.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"

namespace cove::apps {

struct BaseLibrary {
  std::string version;  // x.y.z
  std::int64_t major = 0, minor = 0, patch = 0;
  std::string status = "active";  // active | deprecated
  std::string notes;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const BaseLibrary&) const = default;
};

nlohmann::json to_json(const BaseLibrary& b);
void read_row(core::Row& r, BaseLibrary& b);

namespace base_library_repo {

std::optional<BaseLibrary> find(core::Conn& c, const std::string& version);
std::vector<BaseLibrary> list(core::Conn& c);  // newest version first
std::int64_t count(core::Conn& c);
void insert(core::Tx& tx, const BaseLibrary& b);
void update(core::Tx& tx, const BaseLibrary& b);  // status, notes, updated_ms
void remove(core::Tx& tx, const std::string& version);

}  // namespace base_library_repo
}  // namespace cove::apps
