#include "modules/apps/model_json.hpp"

namespace cove::apps {

const nlohmann::json* array_field(core::JsonInput& in, const char* name, std::size_t max_items) {
  const auto* value = in.take(name);
  if (!value) return nullptr;
  if (!value->is_array()) {
    in.add_error(in.field_name(name), "invalid_type", "Must be an array");
    return nullptr;
  }
  if (value->size() > max_items) {
    in.add_error(in.field_name(name), "too_many", fmt::format("At most {} items", max_items));
    return nullptr;
  }
  return value;
}

nlohmann::json text_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

nlohmann::json pick(const nlohmann::json& object, std::initializer_list<const char*> keys) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto* key : keys) out[key] = object.at(key);
  return out;
}

}  // namespace cove::apps
