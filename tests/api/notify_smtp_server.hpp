#pragma once
// A real SMTP server on 127.0.0.1 for the e-mail tests: Debian's python3-aiosmtpd, run by
// /usr/bin/python3 from a script written here, stopped by its pid when the object goes. Each
// message it accepts is a file in its directory (the envelope recipients on the first line, then
// the message as received). Options: answer the first N DATA commands with a temporary 451, refuse
// recipients whose address starts with "reject" with a permanent 550, require STARTTLS with a
// certificate made here with the openssl CLI (trusted through ca_file()).
#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace cove::test {

struct SmtpServerOptions {
  int fail_first = 0;
  bool starttls = false;
};

class SmtpTestServer {
 public:
  explicit SmtpTestServer(SmtpServerOptions options = {}) {
    const auto d = dir_.path();
    std::filesystem::create_directories(inbox());
    write(d / "smtpd.py", R"PY(
import os, socket, ssl, sys, time
from aiosmtpd.controller import Controller
inbox, fail_first, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
state = {'data': 0, 'saved': 0}
class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('reject'):
            return '550 5.1.1 No such user here'
        envelope.rcpt_tos.append(address)
        return '250 OK'
    async def handle_DATA(self, server, session, envelope):
        state['data'] += 1
        if state['data'] <= fail_first:
            return '451 4.3.0 Try again later'
        state['saved'] += 1
        path = os.path.join(inbox, '%04d.eml' % state['saved'])
        with open(path + '.tmp', 'wb') as f:
            f.write((' '.join(envelope.rcpt_tos) + '\n').encode())
            f.write(envelope.original_content)
        os.rename(path + '.tmp', path)
        return '250 2.0.0 Message accepted'
probe = socket.socket()
probe.bind(('127.0.0.1', 0))
port = probe.getsockname()[1]
probe.close()
kwargs = {}
if cert:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    kwargs = {'tls_context': context, 'require_starttls': True}
controller = Controller(Handler(), hostname='127.0.0.1', port=port, **kwargs)
controller.start()
print('PORT', port, flush=True)
while True:
    time.sleep(3600)
)PY");
    std::string cert, key;
    if (options.starttls) {
      write(d / "ext.cnf", "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
      const auto s = [&](const char* f) { return (d / f).string(); };
      openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
               s("ca.key"), "-out", s("ca.pem"), "-days", "1", "-subj", "/CN=Cove Test Mail CA", "-addext",
               "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
      openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", s("leaf.key"),
               "-out", s("leaf.csr"), "-subj", "/CN=127.0.0.1"});
      openssl({"x509", "-req", "-in", s("leaf.csr"), "-CA", s("ca.pem"), "-CAkey", s("ca.key"), "-CAcreateserial",
               "-out", s("leaf.pem"), "-days", "1", "-extfile", s("ext.cnf")});
      cert = s("leaf.pem");
      key = s("leaf.key");
    }
    process_ = std::make_unique<Process>(std::vector<std::string>{
        "/usr/bin/python3", (d / "smtpd.py").string(), inbox().string(), std::to_string(options.fail_first), cert,
        key});
    for (int i = 0; i < 100 && process_->out().find('\n') == std::string::npos; ++i) {
      process_->wait_for_output("\n", std::chrono::milliseconds(100));
    }
    const auto& out = process_->out();
    INFO("smtpd said: " << out << " / " << process_->err());
    REQUIRE(out.find("PORT ") != std::string::npos);
    port_ = std::stoi(out.substr(out.find("PORT ") + 5));
  }
  ~SmtpTestServer() {
    if (process_) process_->signal(SIGTERM);
  }
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  int port() const { return port_; }
  std::filesystem::path ca_file() const { return dir_.path() / "ca.pem"; }

  // The messages received so far, oldest first: "<recipients>\n<message>".
  std::vector<std::string> messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(inbox())) {
      if (e.path().extension() == ".eml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }
  // Waits until at least `n` messages arrived (false after `timeout`).
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(15)) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (messages().size() < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
  }

 private:
  std::filesystem::path inbox() const { return dir_.path() / "inbox"; }
  static void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static void openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    const auto r = run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

  TempDir dir_{"cove-smtpd"};
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

}  // namespace cove::test
