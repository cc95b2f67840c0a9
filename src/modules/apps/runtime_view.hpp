#pragma once
// What the runtime module needs to know of apps and host apps, read in one pass when it rebuilds
// its catalog (a change committed during the read emits an event, which causes another rebuild).
// Secrets are unsealed here, so the runtime can verify request signatures; they never leave the
// process.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"
#include "core/sealed_box.hpp"

namespace cove::apps {

struct RuntimeVersion {
  std::string id;
  std::string version;
  std::string sha256;
  std::int64_t size = 0;
  std::string signature;
  std::string min_base_library;  // "" = any
};

struct RuntimeApp {
  std::string app_id;
  std::string org_id;
  std::string name;
  std::string status;  // draft | online | offline
  bool has_icon = false;
  nlohmann::json privacy;
  std::optional<RuntimeVersion> released;
};

void read_row(core::Row& r, RuntimeApp& a);

struct RuntimeAssociation {
  std::string app_id;
  std::vector<std::string> allowed_apis;
  std::vector<std::string> allowed_menus;
};

struct RuntimeHostApp {
  std::string id;
  std::string org_id;
  std::string sdk_key;
  std::string sdk_secret;  // unsealed
  std::string status;      // active | disabled
  std::vector<std::string> bundle_ids;
  std::vector<RuntimeAssociation> associations;
};

struct RuntimeData {
  std::vector<RuntimeApp> apps;
  std::vector<RuntimeHostApp> host_apps;
};

// Reads every mini-program with its released version and every host app with its bundle ids
// and associations. A host app whose secret cannot be unsealed is left out (and logged).
RuntimeData load_runtime_data(core::Conn& c, const core::SealedBox& sealed);

}  // namespace cove::apps
