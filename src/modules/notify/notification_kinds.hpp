#pragma once
// The catalogue of notifications: for each outbox topic the notify module turns into a message,
// who receives it, how it reads in each language, where it links and whether it may be muted.
// Adding a kind is adding a row here (and its label in web/src/i18n/notify.*.ts).
#include <span>
#include <string>
#include <string_view>

namespace cove::notify {

// Who receives a kind, resolved from the event's payload at delivery.
enum class Audience {
  kOrgManagers,  // the organisation's owners and admins (payload orgId)
  kOrgTeam,      // owners, admins and developers
  kSubject,      // the account the event is about (payload userId)
  kOperators,    // platform admins
  kReviewers,    // platform admins and reviewers
  kOwnerManagers,  // the owning organisation's owners and admins, or the operators when the payload's
                   // orgId is empty (a platform certificate, a platform webhook endpoint)
};

struct Wording {
  std::string_view title;  // {placeholders}: payload fields by name, plus {org} and {app}
  std::string_view body;
};

struct NotificationKind {
  std::string_view topic;     // the outbox topic and the kind's name
  std::string_view category;  // organisation, member, review, version, gray, domain, certificate, security
  std::string_view severity;  // info, success, warning, error
  Audience audience;
  bool security = false;       // cannot be muted on either channel
  bool email_default = false;  // e-mailed unless the user turns it off
  std::string_view link;       // console path with {placeholders}, "" for none
  Wording zh_cn, en_us;
  std::string_view platform_link = "";  // the link when the payload's orgId is empty, if it differs
};

std::span<const NotificationKind> notification_kinds();
const NotificationKind* find_kind(std::string_view topic);

// Languages messages are written in; the first is the default.
inline constexpr std::string_view kLanguages[] = {"zh-CN", "en-US"};
bool is_language(std::string_view language);

}  // namespace cove::notify
