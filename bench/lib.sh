# Sourced by the bench scripts (after setting ROOT to the checkout).

# COVE_BINARY as given, else a Release build of this checkout without tests, in
# COVE_BENCH_BUILD (default build-bench; engineers sharing a checkout each keep one). The console
# is embedded at build time, so this is a full build.
bench_cove_binary() {
  if [[ -z "${COVE_BINARY:-}" ]]; then
    local build="${COVE_BENCH_BUILD:-$ROOT/build-bench}"
    cmake -S "$ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOVE_TESTS=OFF >/dev/null
    cmake --build "$build" --target cove -j"$(nproc)" >/dev/null
    COVE_BINARY="$build/cove"
  fi
}
