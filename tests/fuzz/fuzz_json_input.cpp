// Strict JSON body reading must turn any byte string into a value or a clean core::Error, and a
// body it accepts must have yielded values within the rules the handler asked for.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/json_input.hpp"

namespace {

// A broken property is a finding like a crash: libFuzzer saves the input that trapped.
void require(bool property) {
  if (!property) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const cove::core::StringRule name_rule{.min_chars = 1, .max_chars = 50};
  try {
    auto in = cove::core::JsonInput::parse(body);
    const auto name = in.optional_string("name", name_rule);
    const auto count = in.optional_int("count", -100, 100);
    in.optional_bool("flag");
    std::string email;
    if (auto owner = in.object("owner", false)) {
      email = owner->required_string("email");
      owner->check_unknown();
    }
    in.finish();
    // finish() did not throw, so every value read obeys its rule.
    if (name) require(cove::core::check_string(*name, name_rule).empty());
    if (count) require(*count >= -100 && *count <= 100);
    if (in.has("owner")) require(!email.empty());
  } catch (const cove::core::Error& e) {
    // The documented outcome for bad input: a 400 with a code the client can act on.
    require(e.status() == 400);
  }
  return 0;
}
