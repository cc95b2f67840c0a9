#include "http/beast_convert.hpp"

#include <array>
#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

namespace cove::http {

namespace bhttp = boost::beast::http;

namespace {

core::Error bad_target(std::string_view why) {
  return core::Error::bad_request("bad_request", fmt::format("The request target is invalid: {}", why));
}

bool has_control_chars(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Absolute-form ("http://host/path?q", RFC 9112 §3.2.2) must be accepted by servers; only the
// path and query matter here.
std::string_view strip_scheme_and_authority(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && iequals(target.substr(0, scheme.size()), scheme)) {
      const auto slash = target.find('/', scheme.size());
      return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
  }
  return target;
}

}  // namespace

std::optional<core::Error> request_from_head(const bhttp::request_header<>& head, Request& req) {
  req.method_text = std::string(head.method_string());
  req.method = parse_method(req.method_text);
  req.target = std::string(head.target());

  req.headers.reserve(static_cast<std::size_t>(std::distance(head.begin(), head.end())));
  for (const auto& field : head) {
    req.headers.add(std::string(field.name_string()), std::string(field.value()));
  }

  const std::string_view target = strip_scheme_and_authority(req.target);
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  if (question != std::string_view::npos) req.query = std::string(target.substr(question + 1));
  if (raw_path.empty() || raw_path.front() != '/') return bad_target("it must start with '/'");
  if (!percent_decode(raw_path, req.path, false)) return bad_target("malformed percent-escape");
  // A NUL would truncate the path in C APIs (file lookups) while checks saw the whole string.
  // Like other traversal attempts it names nothing that exists: 404, before any lookup.
  if (req.path.find('\0') != std::string::npos)
    return core::Error::not_found("not_found", "No such resource");
  return std::nullopt;
}

std::string client_ip(const Headers& headers, std::string peer, bool trust_proxy) {
  if (!trust_proxy) return peer;
  const auto forwarded = headers.get("X-Forwarded-For");
  if (!forwarded) return peer;
  // The first entry is the original client; later ones are proxies that appended themselves.
  // It is still client-supplied text: anything but an address falls back to the peer.
  const std::string first(trim(forwarded->substr(0, forwarded->find(','))));
  boost::system::error_code ec;
  boost::asio::ip::make_address(first, ec);
  return ec ? peer : first;
}

bool sendable_header(std::string_view name, std::string_view value) {
  return !name.empty() && !iequals(name, "Content-Length") && !iequals(name, "Transfer-Encoding") &&
         !iequals(name, "Connection") && !has_control_chars(name) && !has_control_chars(value);
}

void copy_headers(const Headers& from, bhttp::fields& to) {
  for (const auto& [name, value] : from.items()) {
    if (sendable_header(name, value)) to.insert(name, value);
  }
}

void copy_headers(const bhttp::fields& from, Headers& to) {
  for (const auto& field : from) to.add(std::string(field.name_string()), std::string(field.value()));
}

std::string_view http_date() {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    // Built by hand: strftime's %a and %b follow the locale, the header must be English.
    cached = fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[static_cast<std::size_t>(tm.tm_wday)],
                         tm.tm_mday, kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900,
                         tm.tm_hour, tm.tm_min, tm.tm_sec);
    cached_second = now;
  }
  return cached;
}

}  // namespace cove::http
