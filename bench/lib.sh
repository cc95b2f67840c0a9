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

# Starts `cove serve` on a free port of 127.0.0.1 with the data directory $WORK/data and its log in
# $WORK/cove.log, signing in the first operator from BENCH_ADMIN_EMAIL / BENCH_ADMIN_PASSWORD (set
# them before). Sets PID and URL; exits the script when the server is not ready within 30 s.
bench_start_cove() {
  : >"$WORK/cove.log"  # exists before the wait loop reads it
  COVE_ADMIN_EMAIL="$BENCH_ADMIN_EMAIL" COVE_ADMIN_PASSWORD="$BENCH_ADMIN_PASSWORD" \
    "$COVE_BINARY" serve --listen 127.0.0.1:0 --data "$WORK/data" >"$WORK/cove.log" 2>&1 &
  PID=$!
  URL=""
  for _ in $(seq 1 300); do
    URL="$(sed -n 's/.*msg="cove listening" url=\([^ ]*\).*/\1/p' "$WORK/cove.log" | head -n 1)"
    [[ -n "$URL" ]] && curl -fsS -o /dev/null "$URL/readyz" 2>/dev/null && break
    URL=""
    sleep 0.1
  done
  [[ -n "$URL" ]] || { echo "cove did not become ready" >&2; cat "$WORK/cove.log" >&2; exit 1; }
}

# Stops the server bench_start_cove started (by its process id) and waits for it to exit.
bench_stop_cove() {
  if [[ -n "${PID:-}" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
