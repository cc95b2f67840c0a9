#pragma once
// IPv4/IPv6 addresses and CIDR ranges, for API-key IP allow-lists and gray-release IN_CIDR rules.
// IPv4-mapped IPv6 addresses (::ffff:1.2.3.4) match IPv4 ranges.
#include <array>
#include <optional>
#include <string_view>

namespace cove::core {

struct IpAddress {
  std::array<unsigned char, 16> bytes{};  // IPv4 stored as IPv4-mapped IPv6
  bool v4 = false;
  static std::optional<IpAddress> parse(std::string_view text);
};

class CidrRange {
 public:
  // "10.0.0.0/8", "2001:db8::/32", or a single address (a /32 or /128).
  static std::optional<CidrRange> parse(std::string_view text);
  bool contains(const IpAddress& ip) const;
  bool contains(std::string_view ip) const;

 private:
  IpAddress base_;
  int prefix_ = 0;  // in IPv6 bits (IPv4 prefixes are offset by 96)
};

}  // namespace cove::core
