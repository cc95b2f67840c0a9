#pragma once
// The host apps an SDK request may come from, by sdkKey, with what verifying a request needs:
// the secret as an HMAC key with pre-hashed pads, the registered bundle ids, and whether the host
// app (and its organisation) may be served. An immutable snapshot (core/snapshot_store.hpp),
// rebuilt when host apps or organisations change; the unsealed secrets never leave the process.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/crypto.hpp"
#include "core/db.hpp"
#include "core/sealed_box.hpp"
#include "core/string_map.hpp"

namespace cove::apps {

struct SdkHost {
  std::string id;  // hst_…
  std::string org_id;
  std::string sdk_key;
  std::shared_ptr<const core::crypto::HmacSha256Key> signing;  // the SDK secret, pads pre-hashed
  bool active = false;  // the host app is active and its organisation too
  core::StringSet bundle_ids;
};

struct SdkDirectory {
  core::StringMap<std::shared_ptr<const SdkHost>> by_sdk_key;
};

// Reads every host app; `active_orgs` are the organisations that may be served. A host app whose
// secret cannot be unsealed is left out (and logged).
std::shared_ptr<const SdkDirectory> load_sdk_directory(core::Conn& c, const core::SealedBox& sealed,
                                                      const std::unordered_set<std::string>& active_orgs);

}  // namespace cove::apps
