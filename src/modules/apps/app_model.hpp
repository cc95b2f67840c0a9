#pragma once
// Mini-programs (小程序) as stored in `apps`, with the JSON shapes of their structured fields.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_input.hpp"

namespace cove::apps {

// A stored file attached to a mini-program (its icon or audit certificate).
struct StoredFile {
  std::string sha256;
  std::string name;
  std::string content_type;
  bool operator==(const StoredFile&) const = default;
};

struct App {
  std::string id;  // the public appId
  std::string org_id;
  std::string name;
  std::string summary;
  std::string description;
  std::string category;
  nlohmann::json tags = nlohmann::json::array();        // ["tool", …]
  nlohmann::json developer = nlohmann::json::object();  // {name, email, phone}
  nlohmann::json privacy = {{"items", nlohmann::json::array()}};
  std::string repository_url;
  std::string security_rating;
  nlohmann::json contracts = nlohmann::json::array();  // [{chain, address, name}]
  std::optional<StoredFile> icon;
  std::optional<StoredFile> certificate;
  std::string status = "draft";  // draft | online | offline
  std::string offline_by;        // "" | org | platform
  std::string offline_reason;
  std::string released_version_id;
  std::string released_version;  // x.y.z of released_version_id (joined, not stored)
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  // Every field, so "did an edit change anything" cannot forget one (a summary did: issue 11).
  bool operator==(const App&) const = default;
};

nlohmann::json to_json(const App& a);

// Editable fields; absent = unchanged. Structured fields are validated JSON already.
struct AppFields {
  std::optional<std::string> name;
  std::optional<std::string> summary;
  std::optional<std::string> description;
  std::optional<std::string> category;
  std::optional<nlohmann::json> tags;
  std::optional<nlohmann::json> developer;
  std::optional<nlohmann::json> privacy;
  std::optional<std::string> repository_url;
  std::optional<std::string> security_rating;
  std::optional<nlohmann::json> contracts;
};

// Reads the editable fields from a request body (create requires `name`); records field errors
// in `in` and leaves the bad fields unset. Limits: see app_model.cpp.
AppFields read_app_fields(core::JsonInput& in, bool creating);

// The fields the operation log keeps (no blobs, bounded size).
nlohmann::json summary_of(const App& a);

}  // namespace cove::apps
