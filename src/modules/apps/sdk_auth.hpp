#pragma once
// The apps module's SdkAuth (apps_api.hpp): verifies signed SDK requests against the host-app
// directory snapshot, with one nonce cache for every module that serves host apps.
#include <cstdint>
#include <memory>

#include "core/clock.hpp"
#include "core/snapshot_store.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/nonce_cache.hpp"
#include "modules/apps/sdk_directory.hpp"

namespace cove::apps {

struct SdkAuthOptions {
  std::int64_t clock_skew_seconds = 300;
  std::int64_t nonce_window_seconds = 600;
};

class SdkRequestAuth final : public SdkAuth {
 public:
  SdkRequestAuth(const core::Clock& clock, const core::SnapshotStore<SdkDirectory>& directory, NonceCache& nonces,
                 SdkAuthOptions options)
      : clock_(clock), directory_(directory), nonces_(nonces), options_(options) {}

  std::shared_ptr<const SdkHost> verify(const http::Request& req,
                                        std::initializer_list<std::string_view> extra_lines = {}) const override;

 private:
  const core::Clock& clock_;
  const core::SnapshotStore<SdkDirectory>& directory_;
  NonceCache& nonces_;
  SdkAuthOptions options_;
};

}  // namespace cove::apps
