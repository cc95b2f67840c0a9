#pragma once
// An e-mail as bytes on the wire (RFC 5322, MIME): Date, From, To, Subject (RFC 2047 encoded-words
// when not ASCII), Message-ID, and a multipart/alternative body with a text/plain and a text/html
// part, both UTF-8 in base64 (lines stay under 78 characters whatever the language).
#include <cstdint>
#include <string>

namespace cove::notify {

struct MailContent {
  std::string from;  // address
  std::string from_name;
  std::string to;  // address
  std::string subject;
  std::string text;
  std::string html;
};

// `now_ms` dates the message; `message_id_domain` is the right half of its Message-ID.
std::string mime_message(const MailContent& mail, std::int64_t now_ms, const std::string& message_id_domain);
// A header value as RFC 2047 encoded-words ("=?UTF-8?B?…?=", each under 76 characters, split on
// character boundaries), or unchanged when it is printable ASCII.
std::string encode_header_words(const std::string& text);

}  // namespace cove::notify
