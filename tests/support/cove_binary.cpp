#include "support/cove_binary.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <SQLiteCpp/Database.h>

#include <stdexcept>

namespace cove::test {

namespace fs = std::filesystem;

namespace {

// Quiet and fast: no access log, and tests need no power-loss durability.
std::map<std::string, std::string> test_env(std::map<std::string, std::string> env) {
  env.try_emplace("COVE_LOG_ACCESSLOG", "false");
  env.try_emplace("COVE_DB_SYNCHRONOUS", "normal");
  return env;
}

}  // namespace

ProcessResult run_cove(std::vector<std::string> args, std::map<std::string, std::string> env) {
  args.insert(args.begin(), COVE_BINARY);
  ProcessOptions options;
  options.env = test_env(std::move(env));
  return run_process(std::move(args), std::move(options));
}

CoveServer::CoveServer(const fs::path& data_dir, std::map<std::string, std::string> env) {
  ProcessOptions options;
  options.env = test_env(std::move(env));
  process_ = std::make_unique<Process>(
      std::vector<std::string>{COVE_BINARY, "serve", "--listen", "127.0.0.1:0", "--data", data_dir.string()},
      std::move(options));
  // The server logs its URL once it is listening; port 0 lets the kernel pick a free port, so
  // parallel test runs never collide.
  if (!process_->wait_for_output("cove listening", std::chrono::seconds(30))) {
    throw std::runtime_error("cove serve did not start; stderr:\n" + process_->err());
  }
  const std::string& log = process_->err();
  const auto at = log.find("url=", log.find("cove listening"));
  if (at == std::string::npos) throw std::runtime_error("no url in the listening line:\n" + log);
  url_ = log.substr(at + 4, log.find_first_of(" \n", at) - at - 4);
}

ProcessResult CoveServer::stop() {
  process_->signal(SIGTERM);
  return process_->wait(std::chrono::seconds(30));
}

unsigned file_mode(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

std::int64_t count_rows(const fs::path& db, const std::string& table) {
  SQLite::Database conn(db.string(), SQLite::OPEN_READONLY);
  return conn.execAndGet("SELECT count(*) FROM " + table).getInt64();
}

}  // namespace cove::test
