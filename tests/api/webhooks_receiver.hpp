#pragma once
// A webhook receiver for the tests: Python's http.server on 127.0.0.1, started here and stopped by
// its pid. It checks each delivery's signature with its own implementation of the Standard
// Webhooks scheme (hmac + base64 from Python's standard library, not Cove's code) against the
// secrets the test gives it, records every request as a JSON line, and answers the status the
// test sets ("302 <location>" answers a redirect).
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace cove::test {

class WebhookReceiver {
 public:
  WebhookReceiver() {
    write("serve.py", R"PY(
import base64, hashlib, hmac, http.server, json, os, sys, time
root = sys.argv[1]
def read(name, default=''):
    try:
        with open(os.path.join(root, name)) as f:
            return f.read().strip()
    except FileNotFoundError:
        return default
def verify(secret, msg_id, timestamp, body, header):
    key = base64.b64decode(secret[len('whsec_'):])
    signed = msg_id.encode() + b'.' + timestamp.encode() + b'.' + body
    expected = 'v1,' + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, part) for part in header.split(' '))
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        h = {k.lower(): v for k, v in self.headers.items()}
        secrets = read('secrets').split()
        record = {'path': self.path, 'headers': h, 'body': body.decode(),
                  'verified': [verify(s, h.get('webhook-id', ''), h.get('webhook-timestamp', ''), body,
                                      h.get('webhook-signature', '')) for s in secrets],
                  'receivedAt': time.time()}
        with open(os.path.join(root, 'received.jsonl'), 'a') as f:
            f.write(json.dumps(record) + '\n')
        delay = float(read('delay', '0'))
        if delay:
            time.sleep(delay)
        answer = read('status', '200').split(' ', 1)
        self.send_response(int(answer[0]))
        if len(answer) > 1:
            self.send_header('Location', answer[1])
        reply = read('reply', 'ok').encode()
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
print('PORT', server.server_address[1], flush=True)
server.serve_forever()
)PY");
    process_ = std::make_unique<Process>(std::vector<std::string>{
        "/usr/bin/python3", (dir_.path() / "serve.py").string(), dir_.path().string()});
    for (int i = 0; i < 100 && process_->out().find('\n') == std::string::npos; ++i) {
      process_->wait_for_output("\n", std::chrono::milliseconds(100));
    }
    const auto& out = process_->out();
    INFO("receiver said: " << out << " / " << process_->err());
    REQUIRE(out.find("PORT ") != std::string::npos);
    port_ = std::stoi(out.substr(out.find("PORT ") + 5));
  }
  ~WebhookReceiver() {
    if (process_) process_->signal(SIGTERM);
  }

  std::string url(const std::string& path = "/hook") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void set_secrets(const std::vector<std::string>& secrets) const {
    std::string text;
    for (const auto& s : secrets) text += s + "\n";
    write("secrets", text);
  }
  void set_status(const std::string& status) const { write("status", status); }
  void set_delay_seconds(double s) const { write("delay", std::to_string(s)); }
  void set_reply(const std::string& reply) const { write("reply", reply); }

  std::vector<nlohmann::json> received() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir_.path() / "received.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    }
    return out;
  }
  // Waits until at least `n` requests arrived (or `timeout`); returns them.
  std::vector<nlohmann::json> await(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const {
    const auto until = std::chrono::steady_clock::now() + timeout;
    auto got = received();
    while (got.size() < n && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      got = received();
    }
    return got;
  }

 private:
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.path() / name, std::ios::binary) << text;
  }

  TempDir dir_{"cove-webhook-receiver"};
  std::unique_ptr<Process> process_;
  int port_ = 0;
};

}  // namespace cove::test
