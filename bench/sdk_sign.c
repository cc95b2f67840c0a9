// HMAC-SHA256 for bench/client.lua, loaded with LuaJIT's FFI (wrk's Lua has no crypto): each wrk
// thread signs every SDK request as it sends it, with a fresh nonce, the way a host app does —
// instead of reading millions of pre-signed requests in init(). A key's inner and outer pad
// states are hashed once (cove_sdk_key), as the server does (core::crypto::HmacSha256Key); a
// signature then costs the SHA-256 of the message and of 32 bytes.
//
//   cc -O2 -shared -fPIC -o sdk_sign.so bench/sdk_sign.c -lcrypto
#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_CTX is copied to reuse the pad states
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

struct cove_sdk_key {
  SHA256_CTX inner, outer;
};

struct cove_sdk_key* cove_sdk_key(const char* secret, size_t length) {
  unsigned char block[64] = {0};
  if (length > sizeof block) {
    SHA256((const unsigned char*)secret, length, block);
  } else {
    memcpy(block, secret, length);
  }
  unsigned char ipad[64], opad[64];
  for (int i = 0; i < 64; i++) {
    ipad[i] = block[i] ^ 0x36;
    opad[i] = block[i] ^ 0x5c;
  }
  struct cove_sdk_key* key = malloc(sizeof *key);
  if (key == NULL) return NULL;
  SHA256_Init(&key->inner);
  SHA256_Update(&key->inner, ipad, sizeof ipad);
  SHA256_Init(&key->outer);
  SHA256_Update(&key->outer, opad, sizeof opad);
  return key;
}

// Writes the lowercase hex HMAC of message (64 characters, no terminator) to out.
void cove_sdk_sign(const struct cove_sdk_key* key, const char* message, size_t length, char* out) {
  static const char kHex[] = "0123456789abcdef";
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx = key->inner;
  SHA256_Update(&ctx, message, length);
  SHA256_Final(digest, &ctx);
  ctx = key->outer;
  SHA256_Update(&ctx, digest, sizeof digest);
  SHA256_Final(digest, &ctx);
  for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
}
