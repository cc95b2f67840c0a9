// Strict JSON body reading must turn any byte string into a value or a clean core::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  try {
    auto in = cove::core::JsonInput::parse(body);
    in.optional_string("name", {.min_chars = 1, .max_chars = 50});
    in.optional_int("count", -100, 100);
    in.optional_bool("flag");
    if (auto owner = in.object("owner", false)) {
      owner->required_string("email");
      owner->check_unknown();
    }
    in.finish();
  } catch (const cove::core::Error&) {
    // the documented outcome for bad input
  }
  return 0;
}
