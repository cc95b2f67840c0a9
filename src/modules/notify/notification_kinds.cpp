#include "modules/notify/notification_kinds.hpp"

#include <algorithm>
#include <array>

namespace cove::notify {

namespace {

using A = Audience;

// Ordered by category, as the preferences page lists them.
constexpr std::array kKinds = {
    NotificationKind{"org.registered", "organisation", "info", A::kOperators, false, true, "/ops/orgs",
                     {"新机构待审核：{org}", "机构「{org}」提交了入驻申请，等待审核。"},
                     {"New organisation to review: {org}", "{org} applied to join the platform and waits for review."}},
    NotificationKind{"org.resubmitted", "organisation", "info", A::kOperators, false, true, "/ops/orgs",
                     {"机构重新提交审核：{org}", "机构「{org}」修改资料后重新提交了申请。"},
                     {"Organisation resubmitted: {org}", "{org} corrected its application and submitted it again."}},
    NotificationKind{"org.approved", "organisation", "success", A::kOrgManagers, false, true, "/o/{orgId}/apps",
                     {"机构已通过审核：{org}", "恭喜，机构「{org}」已通过平台审核，现在可以创建小程序了。"},
                     {"Organisation approved: {org}", "{org} was approved by the platform; you can create mini-programs now."}},
    NotificationKind{"org.rejected", "organisation", "error", A::kOrgManagers, false, true, "/o/{orgId}/settings",
                     {"机构审核未通过：{org}", "机构「{org}」的入驻申请未通过审核。原因：{reason}"},
                     {"Organisation rejected: {org}", "The application of {org} was rejected. Reason: {reason}"}},
    NotificationKind{"org.suspended", "organisation", "error", A::kOrgManagers, false, true, "/o/{orgId}/settings",
                     {"机构已被停用：{org}", "机构「{org}」已被平台停用，其小程序暂停服务。原因：{reason}"},
                     {"Organisation suspended: {org}", "{org} was suspended by the platform; its mini-programs are not served. Reason: {reason}"}},
    NotificationKind{"org.reactivated", "organisation", "success", A::kOrgManagers, false, true, "/o/{orgId}/apps",
                     {"机构已恢复：{org}", "机构「{org}」已被平台恢复启用。"},
                     {"Organisation reactivated: {org}", "{org} was reactivated by the platform."}},
    NotificationKind{"member.added", "member", "info", A::kSubject, false, true, "/o/{orgId}/apps",
                     {"你已加入机构：{org}", "你已以「{role}」角色加入机构「{org}」。"},
                     {"You joined {org}", "You are now a member of {org} with the role {role}."}},
    NotificationKind{"member.role_changed", "member", "info", A::kSubject, false, true, "/o/{orgId}/apps",
                     {"你在 {org} 的角色已变更", "你在机构「{org}」的角色已变更为「{role}」。"},
                     {"Your role in {org} changed", "Your role in {org} is now {role}."}},
    NotificationKind{"member.removed", "member", "warning", A::kSubject, false, true, "",
                     {"你已被移出机构：{org}", "你已不再是机构「{org}」的成员。"},
                     {"You were removed from {org}", "You are no longer a member of {org}."}},
    NotificationKind{"review.submitted", "review", "info", A::kReviewers, false, false, "/ops/reviews/{reviewId}",
                     {"新版本待审核：{app} {version}", "机构「{org}」提交了小程序「{app}」的版本 {version}，等待审核。"},
                     {"Version to review: {app} {version}", "{org} submitted version {version} of {app} for review."}},
    NotificationKind{"review.approved", "review", "success", A::kOrgTeam, false, true, "/o/{orgId}/apps/{appId}",
                     {"版本审核通过：{app} {version}", "小程序「{app}」的版本 {version} 已通过审核，可以发布。"},
                     {"Version approved: {app} {version}", "Version {version} of {app} passed review and may be released."}},
    NotificationKind{"review.rejected", "review", "error", A::kOrgTeam, false, true, "/o/{orgId}/apps/{appId}",
                     {"版本审核未通过：{app} {version}", "小程序「{app}」的版本 {version} 未通过审核。原因：{reason}"},
                     {"Version rejected: {app} {version}", "Version {version} of {app} was rejected. Reason: {reason}"}},
    NotificationKind{"version.released", "version", "success", A::kOrgTeam, false, false, "/o/{orgId}/apps/{appId}",
                     {"版本已发布：{app} {version}", "小程序「{app}」的版本 {version} 已对所有用户发布。"},
                     {"Version released: {app} {version}", "Version {version} of {app} is now served to everyone."}},
    NotificationKind{"gray_plan.started", "gray", "info", A::kOrgTeam, false, false, "/o/{orgId}/apps/{appId}",
                     {"灰度发布已开始：{app} {version}", "小程序「{app}」版本 {version} 的灰度计划已开始。"},
                     {"Gray release started: {app} {version}", "The gray plan of {app} {version} started."}},
    NotificationKind{"gray_plan.step_applied", "gray", "info", A::kOrgTeam, false, false, "/o/{orgId}/apps/{appId}",
                     {"灰度比例已调整：{app} {version}", "小程序「{app}」版本 {version} 的灰度比例现为 {percentage}%。"},
                     {"Gray step applied: {app} {version}", "{app} {version} is now served to {percentage}% of users."}},
    NotificationKind{"gray_plan.completed", "gray", "success", A::kOrgTeam, false, false, "/o/{orgId}/apps/{appId}",
                     {"灰度发布已完成：{app} {version}", "小程序「{app}」版本 {version} 的灰度计划已完成。"},
                     {"Gray release completed: {app} {version}", "The gray plan of {app} {version} is complete."}},
    NotificationKind{"gray_plan.rolled_back", "gray", "warning", A::kOrgTeam, false, true, "/o/{orgId}/apps/{appId}",
                     {"灰度发布已回滚：{app} {version}", "小程序「{app}」版本 {version} 的灰度计划已回滚。"},
                     {"Gray release rolled back: {app} {version}", "The gray plan of {app} {version} was rolled back."}},
    NotificationKind{"webview_domain.verification_failed", "domain", "error", A::kOrgManagers, false, true, "",
                     {"业务域名校验失败：{host}", "机构「{org}」的业务域名 {host} 校验失败：{failure}"},
                     {"Business domain check failed: {host}", "The business domain {host} of {org} failed its check: {failure}"}},
    NotificationKind{"certificate.expiring", "certificate", "warning", A::kOwnerManagers, false, true, "",
                     {"证书即将过期：{names}", "证书 {names} 将于 {notAfter} 过期（剩余 {daysLeft} 天）。"},
                     {"Certificate expiring: {names}", "The certificate for {names} expires at {notAfter} ({daysLeft} days left)."}},
    NotificationKind{"certificate.expired", "certificate", "error", A::kOwnerManagers, false, true, "",
                     {"证书已过期：{names}", "证书 {names} 已于 {notAfter} 过期。"},
                     {"Certificate expired: {names}", "The certificate for {names} expired at {notAfter}."}},
    NotificationKind{"case.reported", "case", "warning", A::kReviewers, false, true, "/ops/cases",
                     {"小程序被举报：{app}", "小程序「{app}」收到举报（累计 {reportCount} 次），请在举报处理中查看。"},
                     {"Mini-program reported: {app}", "{app} was reported ({reportCount} reports so far); see Cases."}},
    NotificationKind{"case.warned", "case", "warning", A::kOrgManagers, false, true, "/o/{orgId}/cases",
                     {"违规警告：{app}", "平台就小程序「{app}」的举报向你发出警告，请尽快整改。说明：{detail}"},
                     {"Warning about {app}", "The platform warned you about reports on {app}; please correct it. Note: {detail}"}},
    NotificationKind{"case.taken_down", "case", "error", A::kOrgManagers, false, true, "/o/{orgId}/cases",
                     {"小程序已下架：{app}", "小程序「{app}」因违规被平台下架，用户已无法打开。你可以在违规处理中提出申诉。说明：{detail}"},
                     {"Mini-program taken down: {app}", "{app} was taken down by the platform and no longer opens for users. You may appeal in Cases. Note: {detail}"}},
    NotificationKind{"case.appealed", "case", "info", A::kReviewers, false, true, "/ops/cases",
                     {"下架申诉待处理：{app}", "机构「{org}」对小程序「{app}」的下架提出了申诉。"},
                     {"Appeal to review: {app}", "{org} appealed the takedown of {app}."}},
    NotificationKind{"case.appeal_upheld", "case", "error", A::kOrgManagers, false, true, "/o/{orgId}/cases",
                     {"申诉未通过：{app}", "小程序「{app}」的下架申诉未通过，维持下架。说明：{detail}"},
                     {"Appeal refused: {app}", "The appeal against the takedown of {app} was refused; it stays down. Note: {detail}"}},
    NotificationKind{"case.restored", "case", "success", A::kOrgManagers, false, true, "/o/{orgId}/cases",
                     {"小程序已恢复上架：{app}", "小程序「{app}」已恢复，用户可以重新打开。"},
                     {"Mini-program restored: {app}", "{app} was restored and opens for users again."}},
    NotificationKind{"webhook_endpoint.disabled", "integration", "error", A::kOwnerManagers, false, true,
                     "/o/{orgId}/webhooks",
                     {"事件推送地址已停用：{url}", "接收方返回了 410 或连续 5 天投递失败，Cove 已停用事件推送地址 {url}，此后的事件不会推送给它。修复接收方后可重新启用并恢复失败的消息。"},
                     {"Webhook endpoint disabled: {url}", "The receiver answered 410 or failed for five days, so Cove disabled the webhook endpoint {url}; events are not sent to it. Fix the receiver, then enable it and recover the failed messages."},
                     "/ops/webhooks"},
    NotificationKind{"user.password_changed", "security", "warning", A::kSubject, true, true, "/account",
                     {"你的密码已修改", "你的账号密码刚刚被修改，其他设备上的登录已退出。如果这不是你本人的操作，请立即联系平台管理员。"},
                     {"Your password was changed", "The password of your account was just changed and your other sessions were signed out. If this was not you, contact the platform administrators at once."}},
    NotificationKind{"user.2fa_enabled", "security", "info", A::kSubject, true, true, "/account",
                     {"两步验证已开启", "你的账号已开启两步验证。"},
                     {"Two-factor sign-in enabled", "Two-factor sign-in is now on for your account."}},
    NotificationKind{"user.2fa_disabled", "security", "warning", A::kSubject, true, true, "/account",
                     {"两步验证已关闭", "你的账号已关闭两步验证。如果这不是你本人的操作，请立即修改密码。"},
                     {"Two-factor sign-in disabled", "Two-factor sign-in was turned off for your account. If this was not you, change your password at once."}},
};

}  // namespace

std::span<const NotificationKind> notification_kinds() { return kKinds; }

const NotificationKind* find_kind(std::string_view topic) {
  const auto it = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.topic == topic; });
  return it == kKinds.end() ? nullptr : &*it;
}

bool is_language(std::string_view language) {
  return std::find(std::begin(kLanguages), std::end(kLanguages), language) != std::end(kLanguages);
}

}  // namespace cove::notify
