#include "modules/oauth/key_ring.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace cove::oauth {

namespace {

struct KeyRow {
  std::string kid, private_sealed;
  nlohmann::json jwk;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> retired_ms;
};
void read_row(core::Row& r, KeyRow& k) { r.read(k.kid, k.private_sealed, k.jwk, k.created_ms, k.retired_ms); }

// RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, no whitespace.
std::string thumbprint(const nlohmann::json& jwk) {
  const auto canonical = fmt::format(R"({{"crv":"{}","kty":"EC","x":"{}","y":"{}"}})", jwk["crv"].get<std::string>(),
                                     jwk["x"].get<std::string>(), jwk["y"].get<std::string>());
  return core::crypto::base64url(core::crypto::sha256(canonical));
}

void insert_new_key(core::Tx& tx, const core::SealedBox& seal, std::int64_t now_ms, SigningKey& out) {
  auto key = Es256Key::generate();
  auto jwk = key.public_jwk();
  out.kid = thumbprint(jwk);
  jwk["kid"] = out.kid;
  jwk["use"] = "sig";
  jwk["alg"] = "ES256";
  out.jwk = jwk;
  out.created_ms = now_ms;
  tx.exec("INSERT INTO oauth_signing_keys(kid, private_sealed, public_jwk, created_ms) VALUES(?, ?, ?, ?)", out.kid,
          seal.seal(key.private_pem()), jwk, now_ms);
  out.key = std::make_shared<const Es256Key>(std::move(key));
}

const char* kSelect = "SELECT kid, private_sealed, public_jwk, created_ms, retired_ms FROM oauth_signing_keys ";

}  // namespace

void KeyRing::load() {
  const auto now = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (tx.query_value<std::int64_t>("SELECT count(*) FROM oauth_signing_keys WHERE retired_ms IS NULL") == 0) {
      SigningKey first;
      insert_new_key(tx, seal_, now, first);
      changes_.record(tx, core::Actor::system("oauth"),
                      {.action = "oauth.signing_key_created", .target_type = "oauth_signing_key", .target_id = first.kid});
    }
  });
  db_.read([&](core::Conn& c) { reload(c); });
}

void KeyRing::reload(core::Conn& c) {
  auto set = std::make_shared<KeySet>();
  const auto since = clock_.unix_millis() - publish_ms_;
  for (auto& row : c.query_all<KeyRow>(std::string(kSelect) +
                                            "WHERE retired_ms IS NULL OR retired_ms > ? ORDER BY created_ms DESC, kid",
                                        since)) {
    const auto pem = seal_.open(row.private_sealed);
    if (!pem) {
      // Another data directory's sealing key: the key cannot sign or verify here.
      core::log::error("an OAuth signing key cannot be unsealed; it is skipped", {{"kid", row.kid}});
      continue;
    }
    set->keys.push_back(SigningKey{.kid = row.kid,
                                   .key = std::make_shared<const Es256Key>(Es256Key::from_private_pem(*pem)),
                                   .jwk = row.jwk,
                                   .created_ms = row.created_ms,
                                   .retired_ms = row.retired_ms.value_or(0)});
  }
  // The unretired key signs: keep it first whatever the creation times say.
  std::stable_partition(set->keys.begin(), set->keys.end(), [](const SigningKey& k) { return k.retired_ms == 0; });
  if (set->keys.empty() || set->keys.front().retired_ms != 0) {
    throw std::runtime_error("OAuth: no usable signing key (was the data directory's secrets/ replaced?)");
  }
  std::lock_guard lock(mutex_);
  set_ = std::move(set);
}

std::shared_ptr<const KeySet> KeyRing::current() const {
  std::lock_guard lock(mutex_);
  return set_;
}

SigningKey KeyRing::rotate(const core::Actor& actor) {
  const auto now = clock_.unix_millis();
  SigningKey created;
  db_.write([&](core::Tx& tx) {
    const auto retired = tx.query_all<std::string>("SELECT kid FROM oauth_signing_keys WHERE retired_ms IS NULL");
    tx.exec("UPDATE oauth_signing_keys SET retired_ms = ? WHERE retired_ms IS NULL", now);
    insert_new_key(tx, seal_, now, created);
    changes_.record(tx, actor,
                    {.action = "oauth.signing_key_rotated",
                     .target_type = "oauth_signing_key",
                     .target_id = created.kid,
                     .before = {{"kids", retired}},
                     .after = {{"kid", created.kid}}});
  });
  db_.read([&](core::Conn& c) { reload(c); });
  return created;
}

nlohmann::json KeyRing::jwks() const {
  const auto set = current();
  auto keys = nlohmann::json::array();
  for (const auto& k : set->keys) keys.push_back(k.jwk);
  return {{"keys", keys}};
}

std::string KeyRing::sign(const nlohmann::json& claims) const {
  const auto set = current();
  const auto& key = set->keys.front();
  const nlohmann::json header = {{"alg", "ES256"}, {"typ", "at+jwt"}, {"kid", key.kid}};
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on `"." + std::string`.
  std::string token = core::crypto::base64url(header.dump());
  token.push_back('.');
  token.append(core::crypto::base64url(claims.dump()));
  const auto signature = key.key->sign(token);
  token.push_back('.');
  token.append(core::crypto::base64url(signature));
  return token;
}

std::optional<nlohmann::json> KeyRing::verify(std::string_view token, std::int64_t now_s) const {
  if (token.size() > 8192) return std::nullopt;
  const auto d1 = token.find('.');
  const auto d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) return std::nullopt;
  nlohmann::json header, claims;
  std::string signature;
  try {
    header = nlohmann::json::parse(core::crypto::from_base64url(token.substr(0, d1)));
    claims = nlohmann::json::parse(core::crypto::from_base64url(token.substr(d1 + 1, d2 - d1 - 1)));
    signature = core::crypto::from_base64url(token.substr(d2 + 1));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  // The algorithm is pinned and the type checked (RFC 9068 §4): an ID token or a token of
  // another algorithm is never taken for an access token.
  if (!header.is_object() || !claims.is_object() || header.value("alg", "") != "ES256" ||
      header.value("typ", "") != "at+jwt" || !header.contains("kid") || !header["kid"].is_string()) {
    return std::nullopt;
  }
  const auto set = current();
  const auto kid = header["kid"].get<std::string>();
  const SigningKey* key = nullptr;
  for (const auto& k : set->keys) {
    if (k.kid == kid) key = &k;
  }
  if (key == nullptr || !key->key->verify(token.substr(0, d2), signature)) return std::nullopt;
  if (!claims.contains("exp") || !claims["exp"].is_number_integer() || claims["exp"].get<std::int64_t>() <= now_s) {
    return std::nullopt;
  }
  return claims;
}

void KeyRing::prune() {
  const auto since = clock_.unix_millis() - publish_ms_;
  db_.write([&](core::Tx& tx) {
    tx.exec("DELETE FROM oauth_signing_keys WHERE retired_ms IS NOT NULL AND retired_ms <= ?", since);
  });
  db_.read([&](core::Conn& c) { reload(c); });
}

}  // namespace cove::oauth
