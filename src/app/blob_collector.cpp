#include "app/blob_collector.hpp"

namespace cove::app {

std::size_t BlobCollector::collect(std::chrono::seconds grace) {
  // The store logs what it deleted.
  return blobs_.collect_garbage(
      [this](const std::string& sha256) {
        return db_.read([&](core::Conn& c) { return references_.referenced(c, sha256); });
      },
      grace);
}

}  // namespace cove::app
