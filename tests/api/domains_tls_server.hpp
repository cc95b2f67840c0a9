#pragma once
// A real HTTPS file server on 127.0.0.1 for the verification tests: a CA and a leaf certificate
// (DNS verify.example.com, DNS localhost, IP 127.0.0.1) made here with the openssl CLI, and
// Python's http.server wrapped in TLS serving a temporary directory. GET /redirect?<url> answers
// 302 to <url>. Stopped (by its pid) when the object goes.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace cove::test {

class TlsFileServer {
 public:
  TlsFileServer() {
    const auto d = dir_.path();
    write(d / "ext.cnf",
          "subjectAltName=DNS:verify.example.com,DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n");
    write(d / "serve.py", R"PY(
import http.server, os, ssl, sys
root, cert, key = sys.argv[1:4]
os.chdir(root)
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith('/redirect?'):
            self.send_response(302)
            self.send_header('Location', self.path.split('?', 1)[1])
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        return super().do_GET()
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
print('PORT', server.server_address[1], flush=True)
server.serve_forever()
)PY");
    std::filesystem::create_directories(root());
    const auto s = [&](const char* f) { return (d / f).string(); };
    openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", s("ca.key"),
             "-out", s("ca.pem"), "-days", "1", "-subj", "/CN=Cove Test CA", "-addext",
             "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
    openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", s("leaf.key"),
             "-out", s("leaf.csr"), "-subj", "/CN=verify.example.com"});
    openssl({"x509", "-req", "-in", s("leaf.csr"), "-CA", s("ca.pem"), "-CAkey", s("ca.key"), "-CAcreateserial",
             "-out", s("leaf.pem"), "-days", "1", "-extfile", s("ext.cnf")});
    process_ = std::make_unique<Process>(
        std::vector<std::string>{"/usr/bin/python3", s("serve.py"), root().string(), s("leaf.pem"), s("leaf.key")});
    // The line is complete once its newline is in.
    for (int i = 0; i < 100 && process_->out().find('\n') == std::string::npos; ++i) {
      process_->wait_for_output("\n", std::chrono::milliseconds(100));
    }
    const auto& out = process_->out();
    INFO("server said: " << out << " / " << process_->err());
    REQUIRE(out.find("PORT ") != std::string::npos);
    port_ = std::stoi(out.substr(out.find("PORT ") + 5));
  }
  ~TlsFileServer() {
    if (process_) process_->signal(SIGTERM);
  }

  int port() const { return port_; }
  std::filesystem::path ca_file() const { return dir_.path() / "ca.pem"; }
  std::filesystem::path root() const { return dir_.path() / "www"; }
  void put(const std::string& name, const std::string& content) const { write(root() / name, content); }

 private:
  static void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static void openssl(std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    const auto r = run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }

  TempDir dir_{"cove-tls-files"};
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

}  // namespace cove::test
