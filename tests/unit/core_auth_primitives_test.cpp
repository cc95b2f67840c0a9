// Password hashing, JWT and TOTP: the primitives sign-in is built on.
#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "core/jwt.hpp"
#include "core/password.hpp"
#include "core/sealed_box.hpp"
#include "core/totp.hpp"

using namespace cove::core;

TEST_CASE("scrypt password hashes verify and carry their parameters", "[password]") {
  const password::Cost fast{.log_n = 10, .r = 8, .p = 1};
  const auto stored = password::hash("correct horse 密码", fast);
  CHECK(stored.starts_with("$scrypt$ln=10,r=8,p=1$"));
  CHECK(password::verify("correct horse 密码", stored));
  CHECK_FALSE(password::verify("correct horse", stored));
  CHECK_FALSE(password::verify("", stored));
  // Salted: the same password hashes differently each time.
  CHECK(password::hash("same", fast) != password::hash("same", fast));
  CHECK_FALSE(password::needs_rehash(stored, fast));
  CHECK(password::needs_rehash(stored, password::Cost{}));
}

TEST_CASE("malformed or hostile stored hashes never verify", "[password]") {
  for (const char* s : {"", "plain", "$scrypt$", "$scrypt$ln=15,r=8$abc$def", "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHQ$aGFzaA",
                        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "$scrypt$ln=10,r=8,p=1$!!$!!"}) {
    INFO(s);
    CHECK_FALSE(password::verify("x", s));
  }
}

TEST_CASE("JWT signs and verifies HS256 with expiry", "[jwt]") {
  const std::string key = "k3y-material-of-32-bytes-length!";
  const auto token = jwt::sign({{"sub", "usr_1"}, {"exp", 1000}}, key);
  auto v = jwt::verify(token, key, 900);
  REQUIRE(v.ok());
  CHECK(v.claims["sub"] == "usr_1");
  CHECK(jwt::verify(token, key, 1000 + 31).error == jwt::VerifyError::kExpired);
  CHECK(jwt::verify(token, "other key", 900).error == jwt::VerifyError::kSignature);
  CHECK(jwt::verify(token + "x", key, 900).error != jwt::VerifyError::kNone);
  CHECK(jwt::verify("a.b", key, 900).error == jwt::VerifyError::kMalformed);
  CHECK(jwt::verify(jwt::sign({{"nbf", 2000}, {"exp", 3000}}, key), key, 900).error ==
        jwt::VerifyError::kNotYetValid);
}

TEST_CASE("JWT without an integer exp is refused, even correctly signed", "[jwt]") {
  const std::string key = "k3y-material-of-32-bytes-length!";
  CHECK(jwt::verify(jwt::sign({{"sub", "usr_1"}}, key), key, 900).error == jwt::VerifyError::kMissingExpiry);
  CHECK(jwt::verify(jwt::sign({{"sub", "usr_1"}, {"exp", "9999999999"}}, key), key, 900).error ==
        jwt::VerifyError::kMissingExpiry);
  CHECK(jwt::verify(jwt::sign({{"sub", "usr_1"}, {"exp", nullptr}}, key), key, 900).error ==
        jwt::VerifyError::kMissingExpiry);
}

TEST_CASE("JWT algorithm is pinned: none and others are refused", "[jwt]") {
  const std::string key = "secret";
  const auto body = crypto::base64url(R"({"sub":"usr_admin","exp":99999999999})");
  const auto none = crypto::base64url(R"({"alg":"none","typ":"JWT"})") + "." + body + ".";
  CHECK(jwt::verify(none, key, 0).error == jwt::VerifyError::kAlgorithm);
  // HS512 header with an HS256-valid MAC is still refused: the header is never trusted.
  const auto hs512_input = crypto::base64url(R"({"alg":"HS512","typ":"JWT"})") + "." + body;
  const auto forged = hs512_input + "." + crypto::base64url(crypto::hmac_sha256(key, hs512_input));
  CHECK(jwt::verify(forged, key, 0).error == jwt::VerifyError::kAlgorithm);
  const auto no_alg = crypto::base64url(R"({"typ":"JWT"})") + "." + body + ".sig";
  CHECK(jwt::verify(no_alg, key, 0).error == jwt::VerifyError::kAlgorithm);
}

TEST_CASE("TOTP matches RFC 6238 Appendix B", "[totp]") {
  const std::string sha1_seed = "12345678901234567890";
  const std::string sha256_seed = "12345678901234567890123456789012";
  const std::string sha512_seed = "1234567890123456789012345678901234567890123456789012345678901234";
  struct Row {
    std::int64_t t;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Row rows[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const auto& r : rows) {
    INFO("T=" << r.t);
    CHECK(totp::code(sha1_seed, r.t, 8, 30, totp::Algorithm::kSha1) == r.sha1);
    CHECK(totp::code(sha256_seed, r.t, 8, 30, totp::Algorithm::kSha256) == r.sha256);
    CHECK(totp::code(sha512_seed, r.t, 8, 30, totp::Algorithm::kSha512) == r.sha512);
  }
}

TEST_CASE("TOTP check accepts one step of drift and reports the step", "[totp]") {
  const std::string secret = "12345678901234567890";
  const std::int64_t now = 1111111111;
  std::int64_t step = 0;
  CHECK(totp::check(secret, totp::code(secret, now), now, 1, step));
  CHECK(step == now / 30);
  CHECK(totp::check(secret, totp::code(secret, now - 30), now, 1, step));
  CHECK(step == now / 30 - 1);
  CHECK(totp::check(secret, totp::code(secret, now + 30), now, 1, step));
  CHECK_FALSE(totp::check(secret, totp::code(secret, now - 90), now, 1, step));
  CHECK_FALSE(totp::check(secret, "12345", now, 1, step));
}

TEST_CASE("base32 and otpauth URIs", "[totp]") {
  CHECK(totp::base32_encode("foobar") == "MZXW6YTBOI");
  CHECK(totp::base32_decode("MZXW6YTBOI") == "foobar");
  CHECK(totp::base32_decode("mzxw6ytboi======") == "foobar");
  CHECK_THROWS(totp::base32_decode("MZ1"));
  CHECK(totp::otpauth_uri("Cove", "ops@example.com", "foobar") ==
        "otpauth://totp/Cove:ops%40example.com?secret=MZXW6YTBOI&issuer=Cove&algorithm=SHA1&digits=6&period=30");
}

TEST_CASE("sealed box round-trips and detects tampering", "[sealed]") {
  SealedBox box(std::string(32, 'k'));
  const auto sealed = box.seal("totp seed bytes");
  CHECK(sealed.starts_with("v1."));
  CHECK(box.open(sealed) == "totp seed bytes");
  CHECK(box.seal("same") != box.seal("same"));  // fresh nonce each time
  auto tampered = sealed;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  CHECK_FALSE(box.open(tampered).has_value());
  CHECK_FALSE(SealedBox(std::string(32, 'x')).open(sealed).has_value());
  CHECK_FALSE(box.open("v1.!!").has_value());
  CHECK_FALSE(box.open("plain").has_value());
  CHECK_THROWS(SealedBox("short"));
}
