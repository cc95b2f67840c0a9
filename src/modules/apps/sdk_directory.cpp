#include "modules/apps/sdk_directory.hpp"

#include "core/log.hpp"

namespace cove::apps {

std::shared_ptr<const SdkDirectory> load_sdk_directory(core::Conn& c, const core::SealedBox& sealed,
                                                      const std::unordered_set<std::string>& active_orgs) {
  auto directory = std::make_shared<SdkDirectory>();
  core::StringMap<std::shared_ptr<SdkHost>> by_id;
  c.for_each("SELECT id, org_id, sdk_key, sdk_secret, status FROM host_apps", [&](core::Row& r) {
    auto h = std::make_shared<SdkHost>();
    std::string sealed_secret, status;
    r.read(h->id, h->org_id, h->sdk_key, sealed_secret, status);
    const auto secret = sealed.open(sealed_secret);
    if (!secret) {
      core::log::error("host app secret cannot be unsealed; its SDK requests will fail", {{"hostAppId", h->id}});
      return;
    }
    h->signing = std::make_shared<const core::crypto::HmacSha256Key>(*secret);
    h->active = status == "active" && active_orgs.contains(h->org_id);
    by_id.emplace(h->id, h);
  });
  c.for_each("SELECT host_app_id, bundle_id FROM host_app_bundles", [&](core::Row& r) {
    std::string host_app_id, bundle_id;
    r.read(host_app_id, bundle_id);
    if (auto it = by_id.find(host_app_id); it != by_id.end()) it->second->bundle_ids.insert(std::move(bundle_id));
  });
  for (auto& [id, h] : by_id) directory->by_sdk_key.emplace(h->sdk_key, std::move(h));
  return directory;
}

}  // namespace cove::apps
