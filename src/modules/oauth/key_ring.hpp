#pragma once
// The access-token signing keys (RFC 9068 JWTs, ES256): the newest key signs, every key that may
// still have live tokens is published at /oauth/jwks.json, so verifiers keep working across a
// rotation. Keys are sealed in the database (one instance's data directory holds the sealing key)
// and held in memory as an immutable set swapped under a mutex on rotation.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/sealed_box.hpp"
#include "modules/oauth/es256_key.hpp"

namespace cove::oauth {

struct SigningKey {
  std::string kid;
  std::shared_ptr<const Es256Key> key;
  nlohmann::json jwk;  // public, with kid, use and alg
  std::int64_t created_ms = 0;
  std::int64_t retired_ms = 0;  // 0: the signing key
};

struct KeySet {
  std::vector<SigningKey> keys;  // newest first; keys[0] signs
};

class KeyRing {
 public:
  // `publish_ms`: how long a retired key stays published (the access-token life plus leeway).
  KeyRing(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, const core::SealedBox& seal,
          std::int64_t publish_ms)
      : db_(db), changes_(changes), clock_(clock), seal_(seal), publish_ms_(publish_ms) {}

  // Loads the keys, creating the first one on a new installation.
  void load();
  std::shared_ptr<const KeySet> current() const;
  // A new signing key; the previous one is retired (published until its tokens expire).
  SigningKey rotate(const core::Actor& actor);
  // The RFC 7517 key set of every published key.
  nlohmann::json jwks() const;
  // A compact JWS with header {"alg":"ES256","typ":"at+jwt","kid":…} (RFC 9068 §2.1).
  std::string sign(const nlohmann::json& claims) const;
  // The claims of a token this ring signed, if its signature, typ and exp (against `now_s`) hold.
  std::optional<nlohmann::json> verify(std::string_view token, std::int64_t now_s) const;
  // Deletes retired keys that are no longer published.
  void prune();

 private:
  void reload(core::Conn& c);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  const core::SealedBox& seal_;
  std::int64_t publish_ms_;
  mutable std::mutex mutex_;
  std::shared_ptr<const KeySet> set_;
};

}  // namespace cove::oauth
