#pragma once
// The formats of host-app identifiers, kept apart from request parsing so they are unit-tested
// directly. Each check returns "" when the value is fine, else a field-error code.
#include <string>
#include <string_view>

namespace cove::apps {

bool is_host_platform(std::string_view platform);  // ios | android | harmony

// Reverse-DNS identifiers as each store accepts them, at least two dot-separated segments:
//   ios      letters, digits, '-' per segment; at most 155 characters (App Store Connect)
//   android  each segment starts with a letter, then letters, digits, '_'; at most 150 characters
//   harmony  starts with a letter; letters, digits, '_' per segment; 7 to 128 characters
// Codes: "too_short", "too_long", "invalid_format".
std::string check_bundle_id(std::string_view platform, std::string_view id);

// A custom API name as the SDK exposes it to mini-program code: a JavaScript identifier of
// letters and digits starting with a lowercase letter, 2 to 64 characters (getUserWallet).
std::string check_api_name(std::string_view name);

// A menu item id: starts with a letter, then letters, digits, '_' or '-', 1 to 64 characters.
std::string check_menu_id(std::string_view id);

}  // namespace cove::apps
