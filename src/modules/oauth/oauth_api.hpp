#pragma once
// The OAuth module's public face (issue 20). Nothing after it in the module order (runtime) uses
// it today; the scope names are here for whoever enforces them later (the wallet's services read
// them from the access token's `scope` claim).
#include <string_view>

namespace cove::oauth {

inline constexpr std::string_view kScopes[] = {"basic",        "phone",       "email",          "tx.sign",
                                               "tx.broadcast", "assets.read", "assets.transfer"};

}  // namespace cove::oauth
