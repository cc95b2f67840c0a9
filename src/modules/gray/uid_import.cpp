#include "modules/gray/uid_import.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "core/error.hpp"

namespace cove::gray {

namespace {

core::Error bad_line(std::size_t line, std::string_view reason) {
  return core::Error(400, "uid_lists.bad_line", fmt::format("Line {}: {}", line, reason),
                     {{"line", line}, {"reason", reason}});
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The first CSV field of a row; `scratch` holds it when quotes had to be undone.
std::string_view first_csv_field(std::string_view row, std::string& scratch, std::size_t line) {
  row = trim(row);
  if (row.empty() || row.front() != '"') return trim(row.substr(0, row.find(',')));
  scratch.clear();
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] != '"') {
      scratch += row[i];
    } else if (i + 1 < row.size() && row[i + 1] == '"') {
      scratch += '"';
      ++i;
    } else {
      const auto rest = trim(row.substr(i + 1));
      if (!rest.empty() && rest.front() != ',') throw bad_line(line, "text after a closing quote");
      return scratch;
    }
  }
  throw bad_line(line, "a quoted field is not closed (fields may not span lines)");
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

class LineReader {
 public:
  LineReader(UidFormat format, std::size_t max_ids, const std::function<void(std::string_view)>& on_id)
      : format_(format), max_ids_(max_ids), on_id_(on_id) {}

  void line(std::string_view raw) {
    ++line_;
    std::string_view id = format_ == UidFormat::kCsv ? first_csv_field(raw, scratch_, line_) : trim(raw);
    if (id.empty() || id.front() == '#') return;
    if (format_ == UidFormat::kCsv && !seen_row_) {
      seen_row_ = true;
      if (id == "uid" || id == "userId") return;  // the header row
    }
    seen_row_ = true;
    if (id.size() > kMaxUidBytes)
      throw bad_line(line_, fmt::format("an id is at most {} bytes", kMaxUidBytes));
    for (const char ch : id) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7F) throw bad_line(line_, "an id may not contain control characters");
    }
    if (!valid_utf8(id)) throw bad_line(line_, "the text is not UTF-8");
    if (++count_ > max_ids_) {
      throw core::Error(400, "uid_lists.too_large", fmt::format("A UID list holds at most {} ids", max_ids_),
                        {{"limit", max_ids_}});
    }
    on_id_(id);
  }

  std::size_t count() const { return count_; }
  std::size_t next_line() const { return line_ + 1; }

 private:
  UidFormat format_;
  std::size_t max_ids_;
  const std::function<void(std::string_view)>& on_id_;
  std::size_t line_ = 0;
  std::size_t count_ = 0;
  bool seen_row_ = false;
  std::string scratch_;
};

}  // namespace

std::size_t read_uid_text(std::string_view text, UidFormat format, std::size_t max_ids,
                          const std::function<void(std::string_view)>& on_id) {
  LineReader reader(format, max_ids, on_id);
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM from spreadsheet exports
  while (!text.empty()) {
    const auto end = text.find('\n');
    reader.line(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return reader.count();
}

std::size_t read_uid_file(const std::string& path, UidFormat format, std::size_t max_ids,
                          const std::function<void(std::string_view)>& on_id) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw std::runtime_error(fmt::format("cannot open the uploaded UID list {}", path));
  LineReader reader(format, max_ids, on_id);
  std::string buffer(1 << 16, '\0');
  std::string carry;  // a line split across two reads
  bool first = true;
  for (;;) {
    const auto n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (n == 0) break;
    std::string_view chunk(buffer.data(), n);
    if (first && chunk.starts_with("\xEF\xBB\xBF")) chunk.remove_prefix(3);
    first = false;
    while (!chunk.empty()) {
      const auto end = chunk.find('\n');
      if (end == std::string_view::npos) {
        carry.append(chunk);
        // No id line is this long; stop before a newline-free upload grows the carry without bound.
        if (carry.size() > 64 * 1024) throw bad_line(reader.next_line(), "the line is too long");
        break;
      }
      if (carry.empty()) {
        reader.line(chunk.substr(0, end));
      } else {
        carry.append(chunk.substr(0, end));
        reader.line(carry);
        carry.clear();
      }
      chunk.remove_prefix(end + 1);
    }
  }
  if (!carry.empty()) reader.line(carry);
  return reader.count();
}

}  // namespace cove::gray
