// The precomputed-pad HMAC gives exactly HMAC-SHA256 (RFC 4231 vectors, and the one-shot form for
// keys around the block size), whatever way the message is split into parts.
#include <catch2/catch.hpp>

#include "core/crypto.hpp"

using namespace cove::core::crypto;

TEST_CASE("HmacSha256Key matches RFC 4231 and the one-shot HMAC", "[unit][crypto]") {
  // RFC 4231 test case 2.
  const HmacSha256Key jefe("Jefe");
  CHECK(hex(jefe.mac({"what do ya want ", "for nothing?"})) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a 131-byte key is hashed first.
  const std::string long_key(131, '\xaa');
  CHECK(hex(HmacSha256Key(long_key).mac({"Test Using Larger Than Block-Size Key - Hash Key First"})) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  for (const std::size_t n : {0, 1, 63, 64, 65, 200}) {
    const std::string key(n, 'k');
    const HmacSha256Key k(key);
    CHECK(k.mac({"GET", "\n", "/runtime/v1/apps/x?uid=1", "\n", "1700000000", "\n", "nonce"}) ==
          hmac_sha256(key, "GET\n/runtime/v1/apps/x?uid=1\n1700000000\nnonce"));
    CHECK(k.mac({}) == hmac_sha256(key, ""));
  }
}
