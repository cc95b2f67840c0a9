add_library(cove_warnings INTERFACE)
# -Wno-missing-field-initializers: designated initializers deliberately leave defaulted members
# out (`{.action = "x", .target_id = id}`), which GCC 12 would otherwise flag.
target_compile_options(cove_warnings INTERFACE -Wall -Wextra -Wpedantic -Wnon-virtual-dtor
                       -Wno-missing-field-initializers)
# -Wshadow=local is GCC-only: clang warns about an unknown -W flag, and clang's -Wshadow is broader
# (it also flags locals that shadow namespace-scope names), so the clang build goes without it.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(cove_warnings INTERFACE -Wshadow=local)
endif()
# clang before 15 cannot emit -fsanitize=function's prologue data for C++20 coroutine clones and
# stops with "Cannot represent a difference across sections" (llvm/llvm-project#49689); src/http is
# written with coroutines, so that one check is left out (all targets) and the rest of UBSan stays on.
set(cove_ubsan_exclusions "")
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 15)
  set(cove_ubsan_exclusions -fno-sanitize=function)
endif()
if(COVE_WERROR)
  target_compile_options(cove_warnings INTERFACE -Werror)
endif()
if(COVE_SANITIZE)
  target_compile_options(cove_warnings INTERFACE -fsanitize=address,undefined ${cove_ubsan_exclusions}
                         -fno-omit-frame-pointer)
  target_link_options(cove_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(COVE_FUZZ)
  # Coverage for libFuzzer in every library under test; the fuzz executables add the driver.
  target_compile_options(cove_warnings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         ${cove_ubsan_exclusions} -fno-omit-frame-pointer)
  target_link_options(cove_warnings INTERFACE -fsanitize=address,undefined)
endif()
