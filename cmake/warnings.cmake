add_library(cove_warnings INTERFACE)
# -Wno-missing-field-initializers: designated initializers deliberately leave defaulted members
# out (`{.action = "x", .target_id = id}`), which GCC 12 would otherwise flag.
target_compile_options(cove_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                       -Wno-missing-field-initializers)
if(COVE_WERROR)
  target_compile_options(cove_warnings INTERFACE -Werror)
endif()
if(COVE_SANITIZE)
  target_compile_options(cove_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(cove_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(COVE_FUZZ)
  # Coverage for libFuzzer in every library under test; the fuzz executables add the driver.
  target_compile_options(cove_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(cove_warnings INTERFACE -fsanitize=address,undefined)
endif()
