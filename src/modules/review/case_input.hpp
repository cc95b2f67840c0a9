#pragma once
// Reading the files a report or an appeal carries in its JSON body: base64 (standard or URL-safe
// alphabet), at most `max_files` of at most `max_bytes` each, of the media types the case files
// route may hand back (PNG, JPEG; PDF where allowed), decided by their first bytes. Problems are
// field errors at the exact path (`attachments[1].data`: invalid_format, too_long, not_allowed).
#include <cstddef>
#include <vector>

#include "core/json_input.hpp"
#include "modules/review/case_service.hpp"

namespace cove::review {

struct FileRules {
  std::size_t max_files = 3;
  std::size_t max_bytes = 1024 * 1024;
  bool allow_pdf = false;
  // true: items are {name, data} objects (appeal attachments); false: bare base64 strings
  // (report screenshots, named screenshot-N).
  bool named = false;
};

std::vector<FileUpload> read_files(core::JsonInput& in, const char* name, const FileRules& rules);

// The report body every channel shares: category, text and screenshots (routes add their own).
struct ReportBody {
  std::string category;
  std::string text;
  std::vector<FileUpload> screenshots;
};
ReportBody read_report_body(core::JsonInput& in);

}  // namespace cove::review
