#pragma once
// Upload progress for `cove publish` on stderr: on a terminal one bar redrawn in place with the
// percentage and megabytes; otherwise (CI logs) a plain line at every 10 %, so a log holds at
// most eleven lines per attempt instead of thousands of carriage returns.
#include <cstdint>
#include <ostream>

namespace cove::app {

class UploadProgress {
 public:
  UploadProgress(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

  // A new attempt starts from zero.
  void restart();
  void update(std::uint64_t sent, std::uint64_t total);
  // Ends the bar's line (terminal), so later messages start on a line of their own.
  void finish();

 private:
  void draw_bar(int percent, std::uint64_t sent, std::uint64_t total);

  std::ostream& out_;
  bool terminal_;
  int shown_ = -1;  // last percentage drawn (terminal) or last 10 % step printed (plain)
  bool open_line_ = false;
};

}  // namespace cove::app
