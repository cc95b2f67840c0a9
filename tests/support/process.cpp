#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

extern char** environ;

namespace cove::test {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    const std::string name(entry.substr(0, entry.find('=')));
    if (!name.starts_with("COVE_") && !extra.contains(name)) env.emplace_back(entry);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Process::Process(std::vector<std::string> argv, ProcessOptions options) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  // Everything the child needs is prepared before fork: only async-signal-safe calls after it.
  std::vector<std::string> env = child_environment(options.env);
  std::vector<char*> argv_ptrs = pointers(argv);
  std::vector<char*> env_ptrs = pointers(env);
  const std::string cwd = options.cwd.string();

  pid_ = ::fork();
  if (pid_ < 0) {
    const int err = errno;
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(err));
  }
  if (pid_ == 0) {
    const int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, STDIN_FILENO);
    ::dup2(out_pipe[1], STDOUT_FILENO);
    ::dup2(err_pipe[1], STDERR_FILENO);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(127);
    ::execve(argv_ptrs[0], argv_ptrs.data(), env_ptrs.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
}

Process::~Process() {
  if (!exited_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    reap(true);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

void Process::signal(int sig) {
  if (!exited_) ::kill(pid_, sig);
}

bool Process::pump(std::chrono::milliseconds slice) {
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  std::string* sinks[2] = {&out_, &err_};
  int* owners[2] = {&out_fd_, &err_fd_};
  if (out_fd_ < 0 && err_fd_ < 0) return false;
  if (::poll(fds, 2, static_cast<int>(slice.count())) <= 0) return true;
  for (int i = 0; i < 2; ++i) {
    if (fds[i].fd < 0 || fds[i].revents == 0) continue;
    char buf[8192];
    const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
    if (n > 0) {
      sinks[i]->append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      ::close(fds[i].fd);
      *owners[i] = -1;
    }
  }
  return out_fd_ >= 0 || err_fd_ >= 0;
}

bool Process::reap(bool block) {
  if (exited_) return true;
  const pid_t r = ::waitpid(pid_, &status_, block ? 0 : WNOHANG);
  if (r == pid_) exited_ = true;
  return exited_;
}

bool Process::wait_for_output(std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (out_.find(needle) != std::string::npos || err_.find(needle) != std::string::npos) return true;
    if (!pump(std::chrono::milliseconds(20))) break;
  }
  return out_.find(needle) != std::string::npos || err_.find(needle) != std::string::npos;
}

ProcessResult Process::wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  // Output first: a child blocked on a full pipe would never exit.
  while (Clock::now() < deadline && pump(std::chrono::milliseconds(20))) {
  }
  while (Clock::now() < deadline && !reap(false)) {
    ::usleep(10'000);
  }
  ProcessResult result;
  result.out = out_;
  result.err = err_;
  if (!exited_) {
    result.timed_out = true;
    return result;
  }
  if (WIFEXITED(status_)) result.exit_code = WEXITSTATUS(status_);
  if (WIFSIGNALED(status_)) result.term_signal = WTERMSIG(status_);
  return result;
}

ProcessResult run_process(std::vector<std::string> argv, ProcessOptions options,
                          std::chrono::milliseconds timeout) {
  Process p(std::move(argv), std::move(options));
  ProcessResult r = p.wait(timeout);
  if (r.timed_out) {
    p.signal(SIGKILL);
    r.err += "\n[killed after timeout]";
  }
  return r;
}

long resident_set_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) * 1024;
  }
  return -1;
}

}  // namespace cove::test
