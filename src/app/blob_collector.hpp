#pragma once
// Deletes blobs no module refers to any more (DESIGN.md §5): packages of deleted versions,
// replaced icons and scans. The application runs it as a background job a minute after start and
// then hourly; a blob younger than blobs.gcGraceHours is kept, so an upload whose row is not
// written yet survives. Who refers to blobs: modules/platform/blob_references.hpp.
#include <chrono>

#include "core/blob_store.hpp"
#include "core/db.hpp"
#include "modules/platform/blob_references.hpp"

namespace cove::app {

class BlobCollector {
 public:
  BlobCollector(core::Db& db, core::BlobStore& blobs, const modules::BlobReferenceRegistry& references,
                std::chrono::hours grace)
      : db_(db), blobs_(blobs), references_(references), grace_(grace) {}

  // One pass now; returns the number of blobs deleted. `grace` overrides the configured one
  // (tests pass a negative grace to make every unreferenced blob eligible at once).
  std::size_t collect(std::chrono::seconds grace);
  std::size_t collect() { return collect(grace_); }

 private:
  core::Db& db_;
  core::BlobStore& blobs_;
  const modules::BlobReferenceRegistry& references_;
  std::chrono::hours grace_;
};

}  // namespace cove::app
