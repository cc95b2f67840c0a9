#include "http/request_id.hpp"

#include <atomic>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::http {

namespace {
bool acceptable(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

const std::string& process_prefix() {
  static const std::string prefix = core::crypto::hex(core::crypto::random_bytes(6));
  return prefix;
}
}  // namespace

std::string request_id_for(std::string_view supplied) {
  if (acceptable(supplied)) return std::string(supplied);
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("{}-{:x}", process_prefix(), counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

}  // namespace cove::http
