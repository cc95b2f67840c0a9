#include "modules/notify/smtp_client.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>

namespace cove::notify {

namespace {

struct Upload {
  const std::string& data;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data.size() - up->offset);
  std::memcpy(buffer, up->data.data() + up->offset, n);
  up->offset += n;
  return n;
}

// Keeps the server's reply lines ("451 4.3.0 Try again later"), the last few, for the mail log.
int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  auto& lines = *static_cast<std::vector<std::string>*>(user);
  if (!line.empty()) lines.push_back(line.substr(0, 500));
  if (lines.size() > 16) lines.erase(lines.begin());
  return 0;
}

// The reply that decided the outcome: the last line with the final code (not the "221 Bye" of
// the QUIT that follows a refusal).
std::string reply_with_code(const std::vector<std::string>& lines, long code) {
  const auto prefix = std::to_string(code);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    if (it->starts_with(prefix)) return *it;
  }
  return lines.empty() ? std::string() : lines.back();
}

}  // namespace

SmtpOutcome smtp_send(const SmtpServer& server, const std::string& from, const std::vector<std::string>& to,
                      const std::string& message) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {SmtpOutcome::Kind::kTransient, 0, "curl could not start"};
  const auto scheme = server.security == "tls" ? "smtps" : "smtp";
  const auto url = fmt::format("{}://{}:{}", scheme, server.host, server.port);
  Upload upload{message};
  std::vector<std::string> replies;
  curl_slist* recipients = nullptr;
  for (const auto& r : to) recipients = curl_slist_append(recipients, ("<" + r + ">").c_str());
  const auto mail_from = "<" + from + ">";

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (server.security == "starttls") curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!server.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, server.ca_file.c_str());
  if (!server.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, server.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, server.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long>(server.timeout.count(), 10)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(server.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &replies);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // feeds on_debug; nothing is printed

  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);

  const auto last_reply = reply_with_code(replies, code);
  SmtpOutcome out;
  out.code = static_cast<int>(code);
  out.reply = last_reply.empty() ? std::string(curl_easy_strerror(rc)) : last_reply;
  if (rc == CURLE_OK) {
    out.kind = SmtpOutcome::Kind::kSent;
  } else if (code >= 500 && code < 600) {
    out.kind = SmtpOutcome::Kind::kPermanent;
  } else {
    out.kind = SmtpOutcome::Kind::kTransient;  // 4xx, or no answer at all (connection, TLS, timeout)
    if (last_reply.empty() || code == 0) out.reply = curl_easy_strerror(rc);
  }
  return out;
}

}  // namespace cove::notify
