#pragma once
// SQL of the SMTP settings row and the mail queue.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/notify/mail_model.hpp"

namespace cove::notify::mail_repo {

struct StoredSettings {
  MailSettings settings;  // password empty
  std::optional<std::string> password_sealed;
};
std::optional<StoredSettings> settings(core::Conn& c);
void save_settings(core::Tx& tx, const MailSettings& s, const std::optional<std::string>& password_sealed,
                   const std::string& updated_by);

// False when this event's mail to this user is queued already.
bool insert(core::Tx& tx, const MailMessage& m);
std::vector<MailMessage> due(core::Conn& c, std::int64_t now_ms, int limit);
void update_attempt(core::Tx& tx, const MailMessage& m);
// Sent in the trailing minute (the rate cap counts them).
std::int64_t sent_since(core::Conn& c, std::int64_t since_ms);
core::Page<MailMessage> list(core::Conn& c, const std::optional<std::string>& state, const core::PageRequest& page);

}  // namespace cove::notify::mail_repo
