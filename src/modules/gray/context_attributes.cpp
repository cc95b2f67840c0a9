#include "modules/gray/context_attributes.hpp"

#include <fmt/format.h>

#include "modules/gray/rule.hpp"

namespace cove::gray {

ContextAttributes ContextAttributes::parse(const nlohmann::json& doc, core::FieldErrors& errors,
                                           const std::string& field) {
  ContextAttributes out;
  if (!doc.is_object()) {
    errors.add(field, "invalid_type", "The context is an object of attribute names and string values");
    return out;
  }
  if (doc.size() > kMaxContextKeys) {
    errors.add(field, "too_many", fmt::format("At most {} attributes", kMaxContextKeys));
    return out;
  }
  for (const auto& [key, value] : doc.items()) {
    const auto at = fmt::format("{}.{}", field, key.size() <= 68 ? key : key.substr(0, 68));
    if (key == "now" || !known_attribute(key)) {
      errors.add(at, "unknown_attribute",
                 key == "now"
                     ? "Give the time as the request's \"now\" field"
                     : "Use uid, platform, osVersion, deviceModel, network, region, sdkVersion, hostApp, "
                       "ip, deviceId or ctx.<key>");
      continue;
    }
    if (!value.is_string()) {
      errors.add(at, "invalid_type", "Attribute values are strings");
      continue;
    }
    auto text = value.get<std::string>();
    if (text.size() > kMaxContextValueBytes) {
      errors.add(at, "too_long", fmt::format("At most {} bytes", kMaxContextValueBytes));
      continue;
    }
    out.values_[key] = std::move(text);
  }
  return out;
}

std::optional<std::string_view> ContextAttributes::get(std::string_view attribute) const {
  const auto it = values_.find(attribute);
  if (it == values_.end()) return std::nullopt;
  return std::string_view(it->second);
}

}  // namespace cove::gray
