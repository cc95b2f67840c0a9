#include "core/media_type.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>


namespace cove::core {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// An SVG file is XML text: optional BOM and white space, then a prolog, comment, doctype or the
// <svg> element itself — and the <svg> element somewhere in what we were given.
bool looks_like_svg(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && is_xml_space(head.front())) head.remove_prefix(1);
  const auto text = lower(head);
  const bool starts_ok = text.starts_with("<?xml") || text.starts_with("<!--") ||
                         text.starts_with("<!doctype svg") || text.starts_with("<svg");
  return starts_ok && text.find("<svg") != std::string::npos;
}

// " onload=", "/onclick =", "'onmouseover=": an event handler attribute.
bool has_event_handler(const std::string& text) {
  for (std::size_t pos = text.find("on"); pos != std::string::npos; pos = text.find("on", pos + 1)) {
    if (pos == 0) continue;
    const char before = text[pos - 1];
    if (!is_xml_space(before) && before != '/' && before != '"' && before != '\'') continue;
    std::size_t i = pos + 2;
    const std::size_t name_start = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '-')) ++i;
    if (i == name_start) continue;
    while (i < text.size() && is_xml_space(text[i])) ++i;
    if (i < text.size() && text[i] == '=') return true;
  }
  return false;
}

}  // namespace

std::string sniff_media_type(std::string_view head) {
  if (head.starts_with("\x89PNG\r\n\x1A\n")) return std::string(kPng);
  if (head.starts_with("\xFF\xD8\xFF")) return std::string(kJpeg);
  if (head.starts_with("%PDF-")) return std::string(kPdf);
  // ICONDIR: reserved 0, type 1 (icon), then a non-zero image count.
  if (head.size() >= 6 && head.starts_with(std::string_view("\x00\x00\x01\x00", 4)) &&
      (head[4] != 0 || head[5] != 0)) {
    return std::string(kIcon);
  }
  if (looks_like_svg(head)) return std::string(kSvg);
  return {};
}

std::string read_head(const std::filesystem::path& file, std::size_t n) {
  std::ifstream in(file, std::ios::binary);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return out;
}

bool svg_is_safe(std::string_view svg) {
  const auto text = lower(svg);
  static constexpr std::array<std::string_view, 7> kForbidden = {
      "<script", "javascript:", "<foreignobject", "<!entity", "<iframe", "<embed", "<object"};
  for (const auto& bad : kForbidden) {
    if (text.find(bad) != std::string::npos) return false;
  }
  return !has_event_handler(text);
}

}  // namespace cove::core
