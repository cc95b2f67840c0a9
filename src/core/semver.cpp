#include "core/semver.hpp"

#include <charconv>

namespace cove::core {

namespace {

bool numeric(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool parse_number(std::string_view s, unsigned long long& out) {
  if (!numeric(s) || (s.size() > 1 && s[0] == '0')) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool identifier_chars(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const auto pos = s.find(sep);
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return out;
}

}  // namespace

std::optional<SemVer> SemVer::parse(std::string_view text) {
  if (text.empty() || text.size() > 256) return std::nullopt;
  SemVer v;
  if (const auto plus = text.find('+'); plus != std::string_view::npos) {
    const auto build = text.substr(plus + 1);
    for (auto id : split(build, '.')) {
      if (!identifier_chars(id)) return std::nullopt;
    }
    v.build = std::string(build);
    text = text.substr(0, plus);
  }
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    for (auto id : split(text.substr(dash + 1), '.')) {
      if (!identifier_chars(id)) return std::nullopt;
      if (numeric(id) && id.size() > 1 && id[0] == '0') return std::nullopt;  // no leading zeros
      v.prerelease.emplace_back(id);
    }
    text = text.substr(0, dash);
  }
  const auto parts = split(text, '.');
  if (parts.size() != 3 || !parse_number(parts[0], v.major) || !parse_number(parts[1], v.minor) ||
      !parse_number(parts[2], v.patch)) {
    return std::nullopt;
  }
  return v;
}

std::string SemVer::to_string() const {
  std::string s = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (std::size_t i = 0; i < prerelease.size(); ++i) s += (i == 0 ? "-" : ".") + prerelease[i];
  if (!build.empty()) s += "+" + build;
  return s;
}

int compare(const SemVer& a, const SemVer& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A pre-release has lower precedence than the release.
  if (a.prerelease.empty() || b.prerelease.empty()) {
    if (a.prerelease.empty() == b.prerelease.empty()) return 0;
    return a.prerelease.empty() ? 1 : -1;
  }
  const auto n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = a.prerelease[i];
    const auto& y = b.prerelease[i];
    const bool xn = numeric(x), yn = numeric(y);
    if (xn && yn) {
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;  // no leading zeros: length orders
      if (x != y) return x < y ? -1 : 1;
    } else if (xn != yn) {
      return xn ? -1 : 1;  // numeric identifiers sort before alphanumeric ones
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.prerelease.size() == b.prerelease.size()) return 0;
  return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
}

}  // namespace cove::core
