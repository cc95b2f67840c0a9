#pragma once
// Semantic Versioning 2.0.0: parsing and precedence (§11), used for mini-program versions and
// gray-release SEMVER_* rules. Build metadata is kept but ignored for precedence.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cove::core {

struct SemVer {
  unsigned long long major = 0, minor = 0, patch = 0;
  std::vector<std::string> prerelease;  // dot-separated identifiers
  std::string build;

  // Strict: "1.2.3", "1.0.0-rc.1+build.5"; no leading zeros, no "v" prefix, no missing parts.
  static std::optional<SemVer> parse(std::string_view text);
  std::string to_string() const;
  bool is_release() const { return prerelease.empty(); }
};

// <0, 0, >0 by SemVer precedence.
int compare(const SemVer& a, const SemVer& b);
inline bool operator<(const SemVer& a, const SemVer& b) { return compare(a, b) < 0; }
inline bool operator==(const SemVer& a, const SemVer& b) { return compare(a, b) == 0; }

}  // namespace cove::core
