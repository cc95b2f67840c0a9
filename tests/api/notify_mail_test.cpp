// E-mail through a real SMTP server (aiosmtpd on 127.0.0.1): operators' settings with a sealed
// password, a test send, notifications e-mailed with RFC 5322/2047 headers and a multipart body,
// a temporary failure retried until accepted, a permanent one failed at once, STARTTLS, security
// mails whose bodies are not kept, and "forgot password" from request to new password.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <thread>

#include "core/crypto.hpp"
#include "notify_smtp_server.hpp"
#include "notify_steps.hpp"
#include "support/auth_helpers.hpp"
#include "support/scenario.hpp"

using namespace cove;
using cove::http::Method;
using test::Scenario;

namespace {

const std::string kPublicUrl = "https://cove.example.com";

// A server whose mail.* defaults point at `smtp`, retrying after a second.
test::TestServerOptions mail_options(const test::SmtpTestServer& smtp) {
  test::TestServerOptions o;
  const int port = smtp.port();
  o.configure = [port](core::Config& c) {
    c.set("mail.smtp.host", "127.0.0.1");
    c.set("mail.smtp.port", port);
    c.set("mail.from", "noreply@cove.example.com");
    c.set("mail.retryBaseSeconds", 1);
    c.http.public_url = kPublicUrl;
  };
  return o;
}

// The decoded text/plain part of a message as the test server stored it.
std::string text_part(const std::string& message) {
  const std::string marker = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  auto at = message.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  const auto end = message.find("--", at);
  std::string b64;
  for (const char c : message.substr(at, end - at)) {
    if (c == '+') b64 += '-';
    else if (c == '/') b64 += '_';
    else if (c != '\r' && c != '\n' && c != '=') b64 += c;
  }
  return core::crypto::from_base64url(b64);
}

nlohmann::json mail_log(test::World& w, const std::string& query = "") {
  const auto r = w.call(Method::kGet, "/api/v1/platform/mail-log" + query, w.platform_admin().token);
  REQUIRE(r.status == 200);
  return r.json();
}

// Waits until the log has no queued message (the sender job runs every second).
void wait_until_sent(test::World& w) {
  for (int i = 0; i < 200; ++i) {
    if (mail_log(w, "?state=queued")["total"] == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("mail still queued: " << mail_log(w).dump());
}

}  // namespace

TEST_CASE("operators keep SMTP settings; the password is sealed and never answered", "[api][notify][mail]") {
  test::World w = test::given() | test::operators();
  const auto url = "/api/v1/platform/mail-settings";
  auto r = w.call(Method::kGet, url, w.platform_admin().token);
  REQUIRE(r.status == 200);
  CHECK(r.json()["configured"] == false);
  CHECK(r.json()["source"] == "config");

  const auto body = [](std::string extra) {
    return R"({"host":"smtp.example.com","port":587,"security":"starttls","username":"cove","fromAddress":"noreply@example.com")" +
           extra + "}";
  };
  test::run_scenarios(
      w.server,
      {
          {.name = "bad values",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.platform_admin().token),
           .body = R"({"host":"smtp example.com","port":0,"security":"ssl","fromAddress":"Cove <x@example.com>"})",
           .expected_status = 400,
           .expected = {R"("host":{"code":"invalid")", R"("port":{)", R"("security":{"code":"unknown_value")",
                        R"("fromAddress":{"code":"invalid_email")"}},
          {.name = "a reviewer may not",
           .method = Method::kPut,
           .url = url,
           .headers = test::bearer_json(w.reviewer().token),
           .body = body(""),
           .expected_status = 403},
      });
  // Saved with a password, then without one: the stored password stays.
  r = w.call(Method::kPut, url, w.platform_admin().token,
             nlohmann::json::parse(body(R"(,"password":"s3cret-smtp","fromName":"云平台")")));
  REQUIRE(r.status == 200);
  CHECK(r.json()["passwordSet"] == true);
  CHECK(r.json()["source"] == "console");
  CHECK(r.json()["configured"] == true);
  CHECK(r.json()["fromName"] == "云平台");
  CHECK(r.body.find("s3cret-smtp") == std::string::npos);
  r = w.call(Method::kPut, url, w.platform_admin().token, nlohmann::json::parse(body("")));
  REQUIRE(r.status == 200);
  CHECK(r.json()["passwordSet"] == true);
  CHECK(r.json()["fromName"] == "");
  CHECK(w.audit_count("mail_settings.updated") == 2);
  const auto stored = w.server.app().db().read([](core::Conn& c) {
    return c.query_value<std::string>("SELECT password_sealed FROM mail_settings WHERE id = 1");
  });
  CHECK(stored.starts_with("v1."));
  CHECK(stored.find("s3cret") == std::string::npos);
  CHECK(test::audit_dump(w.server).find("s3cret") == std::string::npos);
}

TEST_CASE("a test e-mail reaches a real SMTP server with proper headers", "[api][notify][mail]") {
  test::SmtpTestServer smtp;
  test::World w = test::given() | test::operators();
  auto r = w.call(Method::kPost, "/api/v1/platform/mail-settings/test", w.platform_admin().token,
                  {{"to", "ops@example.com"}});
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "notify.mail_not_configured");

  REQUIRE(w.call(Method::kPut, "/api/v1/platform/mail-settings", w.platform_admin().token,
                 {{"host", "127.0.0.1"},
                  {"port", smtp.port()},
                  {"security", "none"},
                  {"fromAddress", "noreply@cove.example.com"}})
              .status == 200);
  r = w.call(Method::kPost, "/api/v1/platform/mail-settings/test", w.platform_admin().token,
             {{"to", "ops@example.com"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["sent"] == true);
  CHECK(r.json()["code"] == 250);
  REQUIRE(smtp.wait_for(1));
  const auto m = smtp.messages()[0];
  CHECK(m.starts_with("ops@example.com\n"));
  CHECK(m.find("Subject: =?UTF-8?B?" + core::crypto::base64("[Cove] 测试邮件") + "?=\r\n") != std::string::npos);
  CHECK(m.find("From: =?UTF-8?B?") == std::string::npos);  // the product name is ASCII: "Cove"
  CHECK(m.find("From: Cove <noreply@cove.example.com>\r\n") != std::string::npos);
  CHECK(m.find("To: <ops@example.com>\r\n") != std::string::npos);
  CHECK(m.find("MIME-Version: 1.0\r\n") != std::string::npos);
  CHECK(std::regex_search(m, std::regex("Date: [A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000")));
  CHECK(std::regex_search(m, std::regex("Message-ID: <[A-Za-z0-9_-]+@cove\\.example\\.com>")));
  CHECK(m.find("Content-Type: multipart/alternative; boundary=") != std::string::npos);
  CHECK(m.find("Content-Type: text/html; charset=UTF-8") != std::string::npos);
  CHECK(text_part(m).find("测试邮件") != std::string::npos);

  const auto log = mail_log(w);
  REQUIRE(log["items"].size() == 1);
  CHECK(log["items"][0]["kind"] == "test");
  CHECK(log["items"][0]["state"] == "sent");
  CHECK(log["items"][0]["lastReply"].get<std::string>().starts_with("250"));
  CHECK_FALSE(log["items"][0].contains("body"));
}

TEST_CASE("an approval is e-mailed; a temporary failure is retried until the server accepts", "[api][notify][mail]") {
  test::SmtpTestServer smtp({.fail_first = 1});
  test::World w = test::given(mail_options(smtp)) | test::pending_org("A") | test::operators();
  auto& a = w.org("A");
  test::approve(w, a.id);
  test::settle(w);
  REQUIRE(smtp.wait_for(2));
  wait_until_sent(w);
  const auto messages = smtp.messages();
  std::vector<std::string> to;
  for (const auto& m : messages) to.push_back(m.substr(0, m.find('\n')));
  std::sort(to.begin(), to.end());
  CHECK(to == std::vector<std::string>{"admin@a.example", "owner@a.example"});
  const auto text = text_part(messages[0]);
  CHECK(text.find("机构已通过审核：Org A") != std::string::npos);
  CHECK(text.find(kPublicUrl + "/o/" + a.id + "/apps") != std::string::npos);

  const auto log = mail_log(w, "?state=sent");
  REQUIRE(log["total"] == 2);
  std::vector<std::int64_t> attempts;
  for (const auto& item : log["items"]) attempts.push_back(item["attempts"].get<std::int64_t>());
  std::sort(attempts.begin(), attempts.end());
  CHECK(attempts == std::vector<std::int64_t>{1, 2});  // one was answered 451 once, then accepted
  // The outbox may hand the event over again (after a crash): still one mail per recipient.
  CHECK(w.server.app().db().read([](core::Conn& c) {
    return c.query_value<std::int64_t>("SELECT count(*) FROM mail_messages WHERE kind = 'org.approved'");
  }) == 2);
}

TEST_CASE("a permanent refusal fails at once; muted e-mail is not sent", "[api][notify][mail]") {
  test::SmtpTestServer smtp;
  test::World w = test::given(mail_options(smtp)) | test::operators();
  const auto org = test::create_org(w.server, "Org R", "pending");
  auto owner = test::create_user(w.server, "reject@r.example");
  test::add_member(w.server, org, owner.id, "owner");
  auto admin = test::create_user(w.server, "admin@r.example");
  test::add_member(w.server, org, admin.id, "admin");
  REQUIRE(w.call(Method::kPut, "/api/v1/me/notification-preferences", admin.token,
                 {{"items", nlohmann::json::array({{{"kind", "org.approved"}, {"email", false}}})}})
              .status == 200);
  test::approve(w, org);
  test::settle(w);
  wait_until_sent(w);
  const auto log = mail_log(w);
  REQUIRE(log["total"] == 1);
  const auto& item = log["items"][0];
  CHECK(item["to"] == "reject@r.example");
  CHECK(item["state"] == "failed");
  CHECK(item["attempts"] == 1);
  CHECK(item["lastReply"].get<std::string>().find("550") != std::string::npos);
  CHECK(smtp.messages().empty());
  CHECK(test::inbox(w, admin.token)["total"] == 1);  // the inbox still tells
}

TEST_CASE("STARTTLS with the server's certificate; without it the server refuses", "[api][notify][mail]") {
  test::SmtpTestServer smtp({.starttls = true});
  auto options = mail_options(smtp);
  const auto ca = smtp.ca_file().string();
  const auto base = options.configure;
  options.configure = [base, ca](core::Config& c) {
    base(c);
    c.set("mail.smtp.caFile", ca);
  };
  test::World w = test::given(options) | test::operators();
  const auto save = [&](const char* security) {
    REQUIRE(w.call(Method::kPut, "/api/v1/platform/mail-settings", w.platform_admin().token,
                   {{"host", "127.0.0.1"}, {"port", smtp.port()}, {"security", security},
                    {"fromAddress", "noreply@cove.example.com"}})
                .status == 200);
  };
  save("none");
  auto r = w.call(Method::kPost, "/api/v1/platform/mail-settings/test", w.platform_admin().token,
                  {{"to", "ops@example.com"}, {"language", "en-US"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["sent"] == false);
  CHECK(r.json()["code"] == 530);  // "Must issue a STARTTLS command first"
  save("starttls");
  r = w.call(Method::kPost, "/api/v1/platform/mail-settings/test", w.platform_admin().token,
             {{"to", "ops@example.com"}, {"language", "en-US"}});
  REQUIRE(r.status == 200);
  CHECK(r.json()["sent"] == true);
  REQUIRE(smtp.wait_for(1));
  CHECK(smtp.messages()[0].find("Subject: [Cove] Test e-mail\r\n") != std::string::npos);
}

TEST_CASE("forgot password: an e-mailed single-use link sets a new password", "[api][notify][mail]") {
  test::SmtpTestServer smtp;
  test::World w = test::given(mail_options(smtp)) | test::org("A").owner() | test::operators();
  auto& owner = w.org("A").owner();
  const auto request = [&](const std::string& email) {
    return w.server.client().post_json("/api/v1/auth/password-reset", {{"email", email}}, test::json_only());
  };
  auto r = request("nobody@a.example");
  CHECK(r.status == 202);  // the same answer for an address without an account
  r = request("owner@a.example");
  CHECK(r.status == 202);
  CHECK(request("owner@a.example").status == 202);  // a second one within a minute sends nothing
  CHECK(w.call(Method::kPost, "/api/v1/auth/password-reset", "", {{"email", "not an address"}}).status == 400);
  REQUIRE(smtp.wait_for(1));
  wait_until_sent(w);
  REQUIRE(smtp.messages().size() == 1);
  const auto text = text_part(smtp.messages()[0]);
  std::smatch link;
  REQUIRE(std::regex_search(text, link, std::regex(kPublicUrl + "/reset-password/([A-Za-z0-9_-]{43})")));
  const auto token = link[1].str();
  const auto url = "/api/v1/auth/password-reset/" + token;

  r = w.call(Method::kGet, url, "");
  REQUIRE(r.status == 200);
  CHECK(r.json()["email"] == "o•••@a.example");
  CHECK(w.call(Method::kGet, "/api/v1/auth/password-reset/not-a-token", "").json()["code"] ==
        "notify.reset_link_not_found");
  r = w.call(Method::kPost, url, "", {{"newPassword", "short"}});
  CHECK(r.status == 400);
  CHECK(r.body.find(R"("newPassword":{)") != std::string::npos);
  r = w.call(Method::kPost, url, "", {{"newPassword", "Brand-New-Horse-11"}});
  CHECK(r.status == 204);
  CHECK(test::sign_in(w.server, "owner@a.example", "Brand-New-Horse-11").status == 200);
  CHECK(test::sign_in(w.server, "owner@a.example", owner.password).status == 401);
  CHECK(w.call(Method::kGet, "/api/v1/me", owner.token).status == 401);  // every session ended
  r = w.call(Method::kPost, url, "", {{"newPassword", "Another-New-Horse-12"}});
  CHECK(r.status == 410);
  CHECK(r.json()["code"] == "notify.reset_link_gone");

  // A security mail's body is not kept once sent; its log row says only where it went. (The
  // password change just made is one too: its owner is told.)
  test::settle(w);
  wait_until_sent(w);
  REQUIRE(smtp.wait_for(2));
  CHECK(text_part(smtp.messages()[1]).find("你的密码已修改") != std::string::npos);
  const auto bodies = w.server.app().db().read([](core::Conn& c) {
    return c.query_value<std::int64_t>("SELECT count(*) FROM mail_messages WHERE security = 1 AND body IS NOT NULL");
  });
  CHECK(bodies == 0);
}

TEST_CASE("forgot password needs e-mail and a public URL", "[api][notify][mail]") {
  test::World w = test::given() | test::org("A").owner();
  const auto r = w.call(Method::kPost, "/api/v1/auth/password-reset", "", {{"email", "owner@a.example"}});
  CHECK(r.status == 409);
  CHECK(r.json()["code"] == "notify.mail_not_configured");
}

TEST_CASE("an invitation e-mails its link to the invitee, in the inviter's language", "[api][notify][mail]") {
  test::SmtpTestServer smtp;
  test::World w = test::given(mail_options(smtp)) | test::org("A").owner() | test::operators();
  auto& a = w.org("A");
  REQUIRE(w.call(Method::kPut, "/api/v1/me/notification-preferences", a.owner().token, {{"language", "en-US"}})
              .status == 200);
  const auto r = w.call(Method::kPost, "/api/v1/orgs/" + a.id + "/invitations", a.owner().token,
                        {{"email", "newcomer@example.com"}, {"role", "developer"}});
  REQUIRE(r.status == 201);
  const auto link = r.json()["inviteUrl"].get<std::string>();
  REQUIRE(smtp.wait_for(1));
  wait_until_sent(w);
  const auto m = smtp.messages()[0];
  CHECK(m.starts_with("newcomer@example.com\n"));
  CHECK(m.find("Subject: [Cove] Join Org A on Cove\r\n") != std::string::npos);
  const auto text = text_part(m);
  CHECK(text.find(link) != std::string::npos);
  CHECK(text.find("as developer") != std::string::npos);
  const auto log = mail_log(w);
  REQUIRE(log["total"] == 1);
  CHECK(log["items"][0]["kind"] == "invitation");
  CHECK(log["items"][0]["security"] == true);
  // The link grants membership: its mail's body is not kept once sent.
  CHECK(w.server.app().db().read([](core::Conn& c) {
    return c.query_value<std::int64_t>("SELECT count(*) FROM mail_messages WHERE body IS NOT NULL");
  }) == 0);
}
