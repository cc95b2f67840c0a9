#include "modules/review/case_input.hpp"

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/media_type.hpp"

namespace cove::review {

namespace {

// Standard or URL-safe base64, padded or not; nullopt when it is neither.
std::optional<std::string> decode_base64(std::string text) {
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
  }
  try {
    return core::crypto::from_base64url(text);
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

std::string extension_of(std::string_view type) {
  if (type == core::kPng) return "png";
  if (type == core::kJpeg) return "jpg";
  return "pdf";
}

}  // namespace

std::vector<FileUpload> read_files(core::JsonInput& in, const char* name, const FileRules& rules) {
  std::vector<FileUpload> out;
  const auto* list = in.take(name);
  if (!list || list->is_null()) return out;
  const auto field = in.field_name(name);
  if (!list->is_array()) {
    in.add_error(field, "invalid_type", "A list");
    return out;
  }
  if (list->size() > rules.max_files) {
    in.add_error(field, "too_many", fmt::format("At most {} files", rules.max_files));
    return out;
  }
  // Base64 is 4/3 of the bytes: refuse an oversized text before decoding it.
  const auto max_text = (rules.max_bytes + 2) / 3 * 4 + 4;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& item = (*list)[i];
    const auto at = fmt::format("{}[{}]", field, i);
    FileUpload f;
    const nlohmann::json* data = &item;
    auto data_field = at;
    if (rules.named) {
      if (!item.is_object()) {
        in.add_error(at, "invalid_type", "An object {name, data}");
        continue;
      }
      core::FieldErrors& errors = in.errors();
      core::JsonInput file(item, errors, at + ".");
      f.name = file.required_string("name", {.min_chars = 1, .max_chars = 200});
      data = file.take("data");
      data_field = at + ".data";
      file.check_unknown();
      if (!data) {
        in.add_error(data_field, "required", "The file's bytes in base64");
        continue;
      }
    }
    if (!data->is_string()) {
      in.add_error(data_field, "invalid_type", "The file's bytes in base64");
      continue;
    }
    const auto& text = data->get_ref<const std::string&>();
    if (text.size() > max_text) {
      in.add_error(data_field, "too_long", fmt::format("At most {} bytes", rules.max_bytes));
      continue;
    }
    auto bytes = decode_base64(text);
    if (!bytes || bytes->empty()) {
      in.add_error(data_field, "invalid_format", "Not base64");
      continue;
    }
    if (bytes->size() > rules.max_bytes) {
      in.add_error(data_field, "too_long", fmt::format("At most {} bytes", rules.max_bytes));
      continue;
    }
    const auto type = core::sniff_media_type(std::string_view(*bytes).substr(0, 512));
    if (type != core::kPng && type != core::kJpeg && !(rules.allow_pdf && type == core::kPdf)) {
      in.add_error(data_field, "not_allowed", rules.allow_pdf ? "PNG, JPEG or PDF" : "PNG or JPEG");
      continue;
    }
    f.content_type = type;
    if (f.name.empty()) f.name = fmt::format("screenshot-{}.{}", i + 1, extension_of(type));
    f.bytes = std::move(*bytes);
    out.push_back(std::move(f));
  }
  return out;
}

ReportBody read_report_body(core::JsonInput& in) {
  ReportBody b;
  b.category = in.required_string("category", {.min_chars = 1, .max_chars = 20});
  if (!b.category.empty() && !known_report_category(b.category)) {
    in.add_error("category", "unknown_value", "Use fraud, illegal, privacy, malicious, copyright or other");
  }
  b.text = in.required_string("text", {.min_chars = 1, .max_chars = kMaxReportText, .multiline = true});
  b.screenshots =
      read_files(in, "screenshots", {.max_files = kMaxScreenshots, .max_bytes = kMaxScreenshotBytes});
  return b;
}

}  // namespace cove::review
