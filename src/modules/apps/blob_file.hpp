#pragma once
// Files the apps services take in (streamed uploads) and hand out (icons, certificates,
// packages), kept apart from HTTP so the services stay free of it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/blob_store.hpp"
#include "modules/apps/app_model.hpp"

namespace cove::apps {

// An uploaded temp file, hashed while it streamed in.
struct Upload {
  std::filesystem::path path;
  std::string sha256;
  std::uint64_t size = 0;
};

// A stored blob ready to be served.
struct BlobFile {
  StoredFile file;
  std::filesystem::path path;
  std::uint64_t size = 0;
};

// The blob `file` names, or nullopt when the store no longer has it.
std::optional<BlobFile> find_blob(const core::BlobStore& blobs, const StoredFile& file);

}  // namespace cove::apps
