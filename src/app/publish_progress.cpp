#include "app/publish_progress.hpp"

#include <fmt/format.h>

namespace cove::app {

namespace {

constexpr int kBarWidth = 30;

double megabytes(std::uint64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

int percent_of(std::uint64_t sent, std::uint64_t total) {
  if (total == 0) return 100;
  return static_cast<int>(sent * 100 / total);
}

}  // namespace

void UploadProgress::restart() {
  finish();
  shown_ = -1;
}

void UploadProgress::update(std::uint64_t sent, std::uint64_t total) {
  const int percent = percent_of(sent, total);
  if (terminal_) {
    // Redraw only when the number changes: a 500 MB upload reports 8000 chunks.
    if (percent == shown_) return;
    shown_ = percent;
    draw_bar(percent, sent, total);
    return;
  }
  const int step = percent / 10 * 10;
  if (step <= shown_ || step == 0) return;
  shown_ = step;
  out_ << fmt::format("upload: {:3}% ({:.1f} / {:.1f} MB)\n", step, megabytes(sent), megabytes(total));
  out_.flush();
}

void UploadProgress::draw_bar(int percent, std::uint64_t sent, std::uint64_t total) {
  const int filled = percent * kBarWidth / 100;
  out_ << fmt::format("\rupload [{}{}] {:3}%  {:.1f} / {:.1f} MB",
                      std::string(static_cast<std::size_t>(filled), '#'),
                      std::string(static_cast<std::size_t>(kBarWidth - filled), '.'), percent,
                      megabytes(sent), megabytes(total));
  out_.flush();
  open_line_ = true;
}

void UploadProgress::finish() {
  if (open_line_) {
    out_ << '\n';
    out_.flush();
    open_line_ = false;
  }
}

}  // namespace cove::app
