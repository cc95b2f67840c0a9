#pragma once
// Filling a kind's wording and link from an event: every scalar payload field by its name
// ({version}, {reason}; arrays joined with ", "), plus names looked up for the ids ({org}, {app}).
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cove::notify {

using TextVars = std::map<std::string, std::string, std::less<>>;

TextVars vars_from_payload(const nlohmann::json& payload);
// Replaces each {name} with its value; an unknown or empty one with "—", so a sentence never
// shows a raw placeholder.
std::string fill(std::string_view text, const TextVars& vars);
// The vars as a reader of `language` sees them: codes with a name in that language (a member's
// {role}) are replaced by it.
TextVars localized(TextVars vars, std::string_view language);
// The same for a link: an unknown value leaves no link ("").
std::string fill_link(std::string_view link, const TextVars& vars);

}  // namespace cove::notify
