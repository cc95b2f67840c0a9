#pragma once
// Whether a host app may be served now, for modules that act for a host app's users long after
// its signed call (OAuth refuses tokens to a disabled host app's users). A separate interface
// beside AppsApi (apps_api.hpp), implemented by the apps module from the SDK directory snapshot.
#include <string>

namespace cove::apps {

class HostAppStatus {
 public:
  virtual ~HostAppStatus() = default;
  // The host app and its organisation are active, as SdkAuth sees them.
  virtual bool host_app_active(const std::string& host_app_id) const = 0;
};

}  // namespace cove::apps
