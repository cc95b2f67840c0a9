#pragma once
// Runs a child process for binary-level tests: arguments and extra environment in, stdout and
// stderr captured, waits bounded by timeouts. A Process still running when destroyed is killed,
// so a failing test never leaves a server behind.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cove::test {

struct ProcessOptions {
  // Added to (or overriding) the parent's environment. The parent's COVE_* variables are not
  // inherited, so the developer's own settings cannot change a test's outcome.
  std::map<std::string, std::string> env;
  std::filesystem::path cwd;  // empty = the parent's
};

struct ProcessResult {
  int exit_code = -1;   // -1 when killed by a signal or timed out
  int term_signal = 0;  // the signal that ended it, if any
  bool timed_out = false;
  std::string out;
  std::string err;
};

class Process {
 public:
  // Starts argv[0] (a path) with argv; throws std::runtime_error if fork/exec fails.
  Process(std::vector<std::string> argv, ProcessOptions options = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig);
  // Reads output until stderr or stdout contains `needle`; false on timeout or exit.
  bool wait_for_output(std::string_view needle, std::chrono::milliseconds timeout);
  // Waits for exit; on timeout the result has timed_out set and the process keeps running.
  ProcessResult wait(std::chrono::milliseconds timeout);
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

 private:
  // Reads whatever is available for up to `slice`; returns false when both pipes are closed.
  bool pump(std::chrono::milliseconds slice);
  bool reap(bool block);

  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_, err_;
  bool exited_ = false;
  int status_ = 0;
};

// Runs to completion (or kills it after `timeout`).
ProcessResult run_process(std::vector<std::string> argv, ProcessOptions options = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Resident set size of this process (an in-process server and its test client together), in
// bytes; -1 if /proc cannot tell.
long resident_set_bytes();

}  // namespace cove::test
