#pragma once
// JSON helpers the apps models share: reading bounded arrays of a request body and writing the
// answers and operation-log summaries.
#include <cstddef>
#include <initializer_list>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_input.hpp"

namespace cove::apps {

// The array under `name`, or nullptr (with a field error unless it is absent) when it is not an
// array of at most `max_items`.
const nlohmann::json* array_field(core::JsonInput& in, const char* name, std::size_t max_items);

// Reads each element of the array `items` (found under `name`) with a nested reader whose errors
// carry the element's path ("contracts[2].chain"); `read(item, field)` returns false when the
// element is not usable. False when any element is not an object or not usable.
template <class ReadItem>
bool each_object(core::JsonInput& in, const char* name, const nlohmann::json& items, ReadItem read) {
  bool ok = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto field = fmt::format("{}[{}]", in.field_name(name), i);
    if (!items[i].is_object()) {
      in.add_error(field, "invalid_type", "Must be an object");
      ok = false;
      continue;
    }
    core::JsonInput item(items[i], in.errors(), field + ".");
    ok = read(item, field) && ok;
    item.check_unknown();
  }
  return ok;
}

// "" answers null: optional text the API shows as absent.
nlohmann::json text_or_null(const std::string& s);

// The members of `object` named by `keys` (an operation-log summary drawn from the answer, so the
// two cannot disagree on a field's JSON form).
nlohmann::json pick(const nlohmann::json& object, std::initializer_list<const char*> keys);

}  // namespace cove::apps
