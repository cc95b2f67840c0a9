#include "core/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <string>

namespace cove::core {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  IpAddress ip;
  unsigned char v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) == 1) {
    ip.v4 = true;
    ip.bytes[10] = 0xFF;
    ip.bytes[11] = 0xFF;
    for (int i = 0; i < 4; ++i) ip.bytes[12 + i] = v4[i];
    return ip;
  }
  if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) == 1) {
    bool mapped = ip.bytes[10] == 0xFF && ip.bytes[11] == 0xFF;
    for (int i = 0; i < 10 && mapped; ++i) mapped = ip.bytes[i] == 0;
    ip.v4 = mapped;
    return ip;
  }
  return std::nullopt;
}

std::optional<CidrRange> CidrRange::parse(std::string_view text) {
  const auto slash = text.find('/');
  auto ip = IpAddress::parse(text.substr(0, slash));
  if (!ip) return std::nullopt;
  int prefix = ip->v4 ? 32 : 128;
  if (slash != std::string_view::npos) {
    const auto p = text.substr(slash + 1);
    auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (p.empty() || ec != std::errc() || ptr != p.data() + p.size() || prefix < 0 || prefix > (ip->v4 ? 32 : 128)) {
      return std::nullopt;
    }
  }
  CidrRange r;
  r.base_ = *ip;
  r.prefix_ = ip->v4 ? prefix + 96 : prefix;
  return r;
}

bool CidrRange::contains(const IpAddress& ip) const {
  if (ip.v4 != base_.v4) return false;
  int bits = prefix_;
  for (int i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const unsigned char mask = bits >= 8 ? 0xFF : static_cast<unsigned char>(0xFF << (8 - bits));
    if ((ip.bytes[i] & mask) != (base_.bytes[i] & mask)) return false;
  }
  return true;
}

bool CidrRange::contains(std::string_view ip) const {
  auto parsed = IpAddress::parse(ip);
  return parsed && contains(*parsed);
}

}  // namespace cove::core
