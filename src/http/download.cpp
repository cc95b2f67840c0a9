#include "http/download.hpp"

#include <fmt/format.h>

#include "http/types.hpp"

namespace cove::http {

std::string content_disposition(std::string_view disposition, std::string_view file_name) {
  std::string ascii;
  for (unsigned char c : file_name) {
    ascii.push_back(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/' && c != ';' ? static_cast<char>(c)
                                                                                           : '_');
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", disposition, ascii, percent_encode(file_name));
}

}  // namespace cove::http
