#pragma once
// Sends one message over SMTP with libcurl (STARTTLS or implicit TLS, AUTH PLAIN/LOGIN as the
// server offers, timeouts) — Cove writes no SMTP protocol code of its own. The outcome says
// whether trying again later may help: a 4xx reply or a connection failure may, a 5xx reply not.
#include <chrono>
#include <string>
#include <vector>

namespace cove::notify {

struct SmtpServer {
  std::string host;
  int port = 25;
  std::string security = "none";  // none | starttls | tls
  std::string user, password;     // no AUTH when user is empty
  std::string ca_file;            // a private CA to trust instead of the system store
  std::chrono::seconds timeout{30};
};

struct SmtpOutcome {
  enum class Kind { kSent, kTransient, kPermanent };
  Kind kind = Kind::kTransient;
  int code = 0;       // the server's last reply code, 0 when none came (a connection failure)
  std::string reply;  // the server's last reply line, or what failed
};

// `message`: the whole RFC 5322 message (CRLF line ends). Blocking: call from a background job
// or a .blocking() route.
SmtpOutcome smtp_send(const SmtpServer& server, const std::string& from, const std::vector<std::string>& to,
                      const std::string& message);

}  // namespace cove::notify
