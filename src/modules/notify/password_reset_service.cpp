#include "modules/notify/password_reset_service.hpp"

#include <optional>

#include "core/crypto.hpp"
#include "core/db_row.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace cove::notify {

namespace {

struct ResetRow {
  std::string id, user_id;
  std::int64_t expires_ms = 0;
  std::optional<std::int64_t> used_ms;
};

void read_row(core::Row& r, ResetRow& x) { r.read(x.id, x.user_id, x.expires_ms, x.used_ms); }

std::optional<ResetRow> find(core::Conn& c, const std::string& token) {
  return c.query_one<ResetRow>("SELECT id, user_id, expires_ms, used_ms FROM password_resets WHERE token_hash = ?",
                               core::crypto::sha256_hex(token));
}

core::Error link_not_found() {
  return core::Error::not_found("notify.reset_link_not_found", "This password-reset link is not valid");
}
core::Error link_gone() {
  return core::Error(410, "notify.reset_link_gone", "This password-reset link was used or has expired; ask for a new one");
}

std::string masked(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos || at == 0) return email;
  return email.substr(0, 1) + "•••" + email.substr(at);
}

}  // namespace

void PasswordResetService::request(const core::Actor& actor, const std::string& email, const std::string& language) {
  if (!mail_.settings().configured() || mail_.public_url().empty()) {
    throw core::Error::conflict("notify.mail_not_configured",
                                "This platform cannot send e-mail; ask an administrator to reset your password");
  }
  const auto now = clock_.unix_millis();
  const auto token = core::crypto::base64url(core::crypto::random_bytes(32));
  db_.write([&](core::Tx& tx) {
    const auto user = accounts_.recipient_by_email(tx, email);
    if (!user) return;  // the same answer: addresses cannot be probed
    const auto recent = tx.query_value<std::int64_t>(
        "SELECT count(*) FROM password_resets WHERE user_id = ? AND created_ms > ?", user->user_id, now - 60'000);
    if (recent > 0) return;  // one mail a minute is enough for anyone who asked
    // A new link replaces the old ones.
    tx.exec("UPDATE password_resets SET used_ms = ? WHERE user_id = ? AND used_ms IS NULL", now, user->user_id);
    const auto id = core::new_id("pwr");
    tx.exec("INSERT INTO password_resets(id, user_id, token_hash, expires_ms, created_ms) VALUES(?, ?, ?, ?, ?)", id,
            user->user_id, core::crypto::sha256_hex(token), now + kResetMinutes * 60'000, now);
    mail_.enqueue(tx, DirectMail{.user_id = user->user_id,
                                 .to = user->email,
                                 .kind = "password_reset",
                                 .text = password_reset_mail(language, accounts_.product_name(),
                                                             mail_.public_url() + "/reset-password/" + token,
                                                             kResetMinutes),
                                 .security = true});
    changes_.record(tx, actor,
                    {.action = "auth.password_reset_requested", .target_type = "user", .target_id = user->user_id});
  });
}

ResetLinkInfo PasswordResetService::inspect(const std::string& token) const {
  return db_.read([&](core::Conn& c) {
    const auto row = find(c, token);
    if (!row) throw link_not_found();
    if (row->used_ms || row->expires_ms <= clock_.unix_millis()) throw link_gone();
    const auto user = accounts_.recipient(c, row->user_id);
    if (!user) throw link_gone();
    return ResetLinkInfo{masked(user->email), row->expires_ms};
  });
}

void PasswordResetService::complete(const core::Actor& actor, const std::string& token, const std::string& new_password) {
  // Claimed first, so two requests with one link cannot both set a password.
  const auto row = db_.write([&](core::Tx& tx) {
    const auto found = find(tx, token);
    if (!found) throw link_not_found();
    const auto now = clock_.unix_millis();
    if (found->used_ms || found->expires_ms <= now) throw link_gone();
    tx.exec("UPDATE password_resets SET used_ms = ? WHERE id = ?", now, found->id);
    return *found;
  });
  try {
    accounts_.set_password_by_email_proof(actor, row.user_id, new_password);
  } catch (const core::Error& e) {
    // A password the policy refused: the link stays usable for a better one.
    if (e.status() == 400) {
      db_.write([&](core::Tx& tx) { tx.exec("UPDATE password_resets SET used_ms = NULL WHERE id = ?", row.id); });
    }
    throw;
  }
}

}  // namespace cove::notify
