#pragma once
// Downloads of stored files: the Content-Disposition value for a file name any browser keeps.
#include <string>
#include <string_view>

namespace cove::http {

// "licence scan.pdf" → attachment; filename="licence scan.pdf"; filename*=UTF-8''licence%20scan.pdf
// (a plain ASCII fallback for old clients, and the exact name in RFC 6266 / 5987 form).
std::string content_disposition(std::string_view disposition, std::string_view file_name);

}  // namespace cove::http
