#include "modules/notify/mime_message.hpp"

#include <ctime>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::notify {

namespace {

bool printable_ascii(const std::string& s) {
  for (const unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Header values never carry line breaks: a CR or LF in a subject would start a new header.
std::string one_line(std::string s) {
  for (auto& c : s) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  return s;
}

std::string base64_lines(const std::string& bytes) {
  const auto encoded = core::crypto::base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < encoded.size(); i += 76) out += encoded.substr(i, 76) + "\r\n";
  return out;
}

std::string rfc5322_date(std::int64_t now_ms) {
  const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buf;
}

}  // namespace

std::string encode_header_words(const std::string& text) {
  const auto value = one_line(text);
  if (printable_ascii(value)) return value;
  // 45 bytes of UTF-8 become 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays under
  // the 75 that RFC 2047 allows. Words end on character boundaries (never inside a sequence).
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    std::size_t end = std::min(value.size(), i + 45);
    while (end < value.size() && (static_cast<unsigned char>(value[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + core::crypto::base64(value.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string mime_message(const MailContent& mail, std::int64_t now_ms, const std::string& message_id_domain) {
  const auto boundary = "=_cove_" + core::crypto::base64url(core::crypto::random_bytes(12));
  const auto id = core::crypto::base64url(core::crypto::random_bytes(16));
  std::string from = mail.from_name.empty() ? "<" + mail.from + ">"
                                            : encode_header_words(mail.from_name) + " <" + mail.from + ">";
  std::string m;
  m += "Date: " + rfc5322_date(now_ms) + "\r\n";
  m += "From: " + from + "\r\n";
  m += "To: <" + one_line(mail.to) + ">\r\n";
  m += "Subject: " + encode_header_words(mail.subject) + "\r\n";
  m += "Message-ID: <" + id + "@" + message_id_domain + ">\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: vacation responders stay quiet
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(mail.text);
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(mail.html);
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace cove::notify
