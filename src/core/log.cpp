#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace cove::core::log {

namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;
constexpr std::size_t kMaxBufferedBytes = 8 * 1024 * 1024;  // beyond this, lines are dropped

class Sink {
 public:
  ~Sink() { stop(); }

  void append(std::string&& line) {
    std::unique_lock lock(mutex_);
    if (capture_ != nullptr) {
      capture_->append(line);
      return;
    }
    if (buffer_.size() > kMaxBufferedBytes) {
      ++dropped_;
      return;
    }
    buffer_.append(line);
    if (!thread_.joinable()) {
      thread_ = std::thread([this] { run(); });
    }
    if (buffer_.size() >= kFlushBytes) cv_.notify_one();
  }

  void flush() {
    std::unique_lock lock(mutex_);
    write_out(lock);
  }

  void capture(std::string* sink) {
    std::unique_lock lock(mutex_);
    write_out(lock);
    capture_ = sink;
  }

  void stop() {
    {
      std::unique_lock lock(mutex_);
      stopping_ = true;
      cv_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    std::unique_lock lock(mutex_);
    write_out(lock);
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      cv_.wait_for(lock, std::chrono::milliseconds(100));
      write_out(lock);
    }
  }

  // Writes with the lock released, so appenders are not held up by the terminal.
  void write_out(std::unique_lock<std::mutex>& lock) {
    if (buffer_.empty() && dropped_ == 0) return;
    std::string out;
    out.swap(buffer_);
    if (dropped_ > 0) {
      out += "level=warn msg=\"log lines dropped: output too slow\" count=" + std::to_string(dropped_) + "\n";
      dropped_ = 0;
    }
    lock.unlock();
    std::size_t off = 0;
    while (off < out.size()) {
      const ssize_t n = ::write(STDERR_FILENO, out.data() + off, out.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    lock.lock();
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::string buffer_;
  std::string* capture_ = nullptr;
  std::thread thread_;
  bool stopping_ = false;
  std::size_t dropped_ = 0;
};

Sink& sink() {
  static Sink instance;
  return instance;
}

std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
std::atomic<Format> g_format{Format::kText};

constexpr std::string_view level_name(Level l) {
  switch (l) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

void append_text_value(std::string& out, std::string_view v) {
  bool quote = v.empty();
  for (char c : v) {
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(v);
    return;
  }
  out.push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out.append("\\n");
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out.push_back(' ');  // control characters cannot forge log lines
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

}  // namespace

void configure(Level level, Format format) {
  g_level = static_cast<int>(level);
  g_format = format;
}

bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed); }

void write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (!enabled(level)) return;
  const auto now = format_rfc3339(std::chrono::system_clock::now());
  std::string line;
  line.reserve(128);
  if (g_format.load(std::memory_order_relaxed) == Format::kJson) {
    nlohmann::json j = {{"time", now}, {"level", level_name(level)}, {"msg", message}};
    for (const auto& [k, v] : fields) j[std::string(k)] = v;
    line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line.append("time=").append(now).append(" level=").append(level_name(level)).append(" msg=");
    append_text_value(line, message);
    for (const auto& [k, v] : fields) {
      line.push_back(' ');
      line.append(k).push_back('=');
      append_text_value(line, v);
    }
  }
  line.push_back('\n');
  sink().append(std::move(line));
}

void flush() { sink().flush(); }

void capture(std::string* s) { sink().capture(s); }

bool parse_level(std::string_view text, Level& out) {
  if (text == "debug") out = Level::kDebug;
  else if (text == "info") out = Level::kInfo;
  else if (text == "warn") out = Level::kWarn;
  else if (text == "error") out = Level::kError;
  else return false;
  return true;
}

}  // namespace cove::core::log
