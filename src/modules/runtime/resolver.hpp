#pragma once
// The runtime's decisions over a catalog snapshot, apart from HTTP (tested without a server):
// which answer a user of a host app gets for a mini-program (the released version, or the version
// of the first running gray plan whose rule selects them), the launcher's page of servable
// mini-programs, and which packages a host app may download.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "modules/runtime/catalog.hpp"

namespace cove::runtime {

// The user context of a request: gray attributes given as query parameters (gray_api.hpp).
using Context = std::vector<std::pair<std::string, std::string>>;

// Checks query parameters against the attributes a rule may read and their limits; throws 400
// validation_failed naming each bad parameter.
Context check_context(Context params);

struct ResolveInput {
  std::string_view host_app_id;
  std::string_view app_id;
  const Context& context;
  std::string_view ip;  // the client's address (the "ip" attribute)
  core::TimePoint now;
};

// The body and ETag to answer; they live as long as the catalog. Throws 404 runtime.app_not_found,
// runtime.not_associated, runtime.app_offline or runtime.not_released.
struct Answer {
  const std::string& body;
  const std::string& etag;
};
Answer resolve_app(const Catalog& catalog, const ResolveInput& in);

// The mini-program as this host app sees it; 404 runtime.app_not_found or runtime.not_associated.
const AppView& associated_view(const Catalog& catalog, std::string_view host_app_id, std::string_view app_id);
// Its profile (trust data) with its ETag; the same 404s as resolve_app.
Answer resolve_profile(const Catalog& catalog, std::string_view host_app_id, std::string_view app_id);

// {"items": [answers…], "nextCursor": …} for up to `limit` servable mini-programs after the
// cursor (an opaque appId); 400 for a cursor this list did not return.
std::string servable_page(const Catalog& catalog, std::string_view host_app_id, std::string_view cursor, int limit);

bool may_download(const Catalog& catalog, std::string_view host_app_id, std::string_view sha256);

}  // namespace cove::runtime
