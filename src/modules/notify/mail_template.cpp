#include "modules/notify/mail_template.hpp"

#include <fmt/format.h>

namespace cove::notify {

std::string html_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

bool english(const std::string& language) { return language == "en-US"; }

// One layout for every mail: the product's name as the header, the text, an optional button and
// a footer saying why the mail came.
std::string layout(const std::string& language, const std::string& product, const std::string& heading,
                   const std::string& paragraph, const std::string& link, const std::string& button) {
  const auto footer = english(language)
                          ? "You receive this e-mail because of your account's notification settings."
                          : "你收到这封邮件，是因为你的账号通知设置。";
  std::string html = fmt::format(
      "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>"
      "<body style=\"margin:0;padding:24px;background:#f5f7fa;font-family:-apple-system,'PingFang SC',"
      "'Microsoft YaHei',Arial,sans-serif;color:#303133\">"
      "<div style=\"max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px\">"
      "<div style=\"font-size:14px;color:#909399;margin-bottom:16px\">{}</div>"
      "<h1 style=\"font-size:18px;margin:0 0 12px\">{}</h1><p style=\"font-size:14px;line-height:1.6\">{}</p>",
      html_escape(language), html_escape(heading), html_escape(product), html_escape(heading),
      html_escape(paragraph));
  if (!link.empty()) {
    html += fmt::format(
        "<p><a href=\"{}\" style=\"display:inline-block;background:#409eff;color:#fff;padding:8px 16px;"
        "border-radius:4px;text-decoration:none\">{}</a></p>",
        html_escape(link), html_escape(button));
  }
  html += fmt::format("<p style=\"font-size:12px;color:#909399;margin-top:24px\">{}</p></div></body></html>",
                      html_escape(footer));
  return html;
}

std::string text_of(const std::string& product, const std::string& heading, const std::string& paragraph,
                    const std::string& link) {
  std::string text = product + "\r\n\r\n" + heading + "\r\n\r\n" + paragraph + "\r\n";
  if (!link.empty()) text += "\r\n" + link + "\r\n";
  return text;
}

}  // namespace

MailText notification_mail(const std::string& language, const std::string& product, const std::string& title,
                           const std::string& body, const std::string& link) {
  const auto button = english(language) ? "Open the console" : "打开控制台";
  return {fmt::format("[{}] {}", product, title), text_of(product, title, body, link),
          layout(language, product, title, body, link, button)};
}

MailText test_mail(const std::string& language, const std::string& product) {
  const auto heading = english(language) ? "Test e-mail" : "测试邮件";
  const auto paragraph = english(language) ? "The SMTP settings of " + product + " work: this message arrived."
                                           : product + " 的 SMTP 设置可用：这封邮件已成功送达。";
  return {fmt::format("[{}] {}", product, heading), text_of(product, heading, paragraph, ""),
          layout(language, product, heading, paragraph, "", "")};
}

MailText password_reset_mail(const std::string& language, const std::string& product, const std::string& link,
                             int minutes) {
  const auto heading = english(language) ? "Reset your password" : "重置密码";
  const auto paragraph =
      english(language)
          ? fmt::format("Someone asked to reset the password of your account. Open the link within {} minutes to "
                        "choose a new one; it works once. If it was not you, ignore this e-mail.",
                        minutes)
          : fmt::format("有人申请重置你账号的密码。请在 {} 分钟内打开下面的链接设置新密码，链接只能使用一次。"
                        "如果不是你本人操作，请忽略这封邮件。",
                        minutes);
  const auto button = english(language) ? "Choose a new password" : "设置新密码";
  return {fmt::format("[{}] {}", product, heading), text_of(product, heading, paragraph, link),
          layout(language, product, heading, paragraph, link, button)};
}

MailText invitation_mail(const std::string& language, const std::string& product, const std::string& org,
                         const std::string& inviter, const std::string& role, const std::string& link) {
  const auto heading = english(language) ? fmt::format("Join {} on {}", org, product)
                                         : fmt::format("邀请你加入「{}」", org);
  const auto paragraph =
      english(language)
          ? fmt::format("{} invites you to the organisation {} as {}. Open the link to accept; it works once.",
                        inviter, org, role)
          : fmt::format("{} 邀请你以「{}」角色加入机构「{}」。打开下面的链接接受邀请，链接只能使用一次。", inviter,
                        role, org);
  const auto button = english(language) ? "Accept the invitation" : "接受邀请";
  return {fmt::format("[{}] {}", product, heading), text_of(product, heading, paragraph, link),
          layout(language, product, heading, paragraph, link, button)};
}

}  // namespace cove::notify
