#include "modules/notify/message_text.hpp"

namespace cove::notify {

namespace {

std::string scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return v.dump();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return {};
}

// Calls `value(name)` for each {name}; copies the rest. False when a placeholder is unknown.
template <class Value>
bool substitute(std::string_view text, std::string& out, Value value) {
  bool complete = true;
  for (std::size_t i = 0; i < text.size();) {
    const auto open = text.find('{', i);
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, open - i));
    const auto found = value(text.substr(open + 1, close - open - 1));
    if (found.empty()) complete = false;
    out.append(found.empty() ? "—" : found);
    i = close + 1;
  }
  return complete;
}

struct RoleName {
  std::string_view code, zh_cn, en_us;
};
// As the console names them (web/src/i18n/accounts.*.ts).
constexpr RoleName kRoleNames[] = {{"owner", "所有者", "Owner"},
                                   {"admin", "管理员", "Admin"},
                                   {"developer", "开发者", "Developer"},
                                   {"viewer", "只读成员", "Viewer"}};

}  // namespace

TextVars localized(TextVars vars, std::string_view language) {
  if (const auto it = vars.find("role"); it != vars.end()) {
    for (const auto& r : kRoleNames) {
      if (it->second == r.code) it->second = std::string(language == "en-US" ? r.en_us : r.zh_cn);
    }
  }
  return vars;
}

TextVars vars_from_payload(const nlohmann::json& payload) {
  TextVars vars;
  if (!payload.is_object()) return vars;
  for (const auto& [key, v] : payload.items()) {
    if (v.is_array()) {
      std::string joined;
      for (const auto& item : v) {
        if (!joined.empty()) joined += ", ";
        joined += scalar_text(item);
      }
      vars[key] = joined;
    } else {
      vars[key] = scalar_text(v);
    }
  }
  return vars;
}

std::string fill(std::string_view text, const TextVars& vars) {
  std::string out;
  substitute(text, out, [&](std::string_view name) {
    const auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  });
  return out;
}

std::string fill_link(std::string_view link, const TextVars& vars) {
  std::string out;
  const bool complete = substitute(link, out, [&](std::string_view name) {
    const auto it = vars.find(name);
    return it == vars.end() ? std::string() : it->second;
  });
  return complete ? out : std::string();
}

}  // namespace cove::notify
