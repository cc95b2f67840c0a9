#include "modules/apps/blob_file.hpp"

namespace cove::apps {

std::optional<BlobFile> find_blob(const core::BlobStore& blobs, const StoredFile& file) {
  auto path = blobs.path_of(file.sha256);
  const auto size = blobs.size(file.sha256);
  if (!path || !size) return std::nullopt;
  return BlobFile{file, std::move(*path), *size};
}

}  // namespace cove::apps
