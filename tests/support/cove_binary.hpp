#pragma once
// Helpers for tests that run the real `cove` binary (COVE_BINARY): one-shot commands, a server
// child process on an ephemeral port, file modes and row counts.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace cove::test {

// `cove <args…>` to completion.
ProcessResult run_cove(std::vector<std::string> args, std::map<std::string, std::string> env = {});

// `cove serve --listen 127.0.0.1:0 --data DIR`, running once constructed (it waited for the
// "cove listening" line and took the URL from it); killed if still running at destruction.
class CoveServer {
 public:
  explicit CoveServer(const std::filesystem::path& data_dir, std::map<std::string, std::string> env = {});
  const std::string& url() const { return url_; }
  Process& process() { return *process_; }
  // SIGTERM, then waits for the exit.
  ProcessResult stop();

 private:
  std::unique_ptr<Process> process_;
  std::string url_;
};

unsigned file_mode(const std::filesystem::path& path);  // permission bits, e.g. 0600
std::int64_t count_rows(const std::filesystem::path& db, const std::string& table);

}  // namespace cove::test
