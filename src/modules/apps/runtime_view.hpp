#pragma once
// The apps part of the runtime catalog (apps_api.hpp): what the runtime needs to know of
// mini-programs and host apps, read in one pass when it rebuilds its catalog (a change committed
// during the read emits an event, which causes another rebuild).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"

namespace cove::apps {

struct RuntimeVersion {
  std::string id;
  std::string version;
  std::string sha256;
  std::int64_t size = 0;
  std::string signature;
  std::string min_base_library;  // "" = any
};

// A stored file the runtime hands out (icon, audit certificate): by hash, never by path.
struct RuntimeFile {
  std::string sha256;
  std::string name;
  std::string content_type;
};

struct RuntimeApp {
  std::string app_id;
  std::string org_id;
  std::string name;
  std::string status;  // draft | online | offline
  nlohmann::json privacy;
  std::optional<RuntimeVersion> released;
  // What users are shown about the mini-program (its trust data, Chainless §2.1, §2.4.3).
  std::string summary;
  std::string description;
  std::string category;
  std::string repository_url;
  std::string security_rating;
  nlohmann::json contracts = nlohmann::json::array();  // [{chain, address, name}]
  std::optional<RuntimeFile> icon;
  std::optional<RuntimeFile> certificate;
  std::int64_t updated_ms = 0;
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
  std::vector<RuntimeAssociation> associations;
};

struct RuntimeData {
  std::vector<RuntimeApp> apps;
  std::vector<RuntimeHostApp> host_apps;
};

// Reads every mini-program with its released version and every host app with its associations.
// (Who may sign requests as a host app is the SDK directory's business: sdk_directory.hpp.)
RuntimeData load_runtime_data(core::Conn& c);

}  // namespace cove::apps
