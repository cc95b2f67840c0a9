#pragma once
// Writes JSON text straight into a string, for responses on hot paths (list endpoints): building
// an nlohmann tree first costs a map node and a string per field, more than the SQL behind it.
//
// The text equals nlohmann::json::dump() of the same document (compact; UTF-8 kept as is; control
// characters, quote and backslash escaped the same way; invalid UTF-8 replaced by U+FFFD as with
// error_handler_t::replace), provided the caller writes object keys in sorted order, as
// nlohmann's std::map objects do. Commas are placed by the writer; the caller keeps the sequence
// well formed (a key before each value inside objects, balanced begin/end).
#include <cstdint>
#include <string>
#include <string_view>

namespace cove::core {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // names are escaped like strings
  JsonWriter& string(std::string_view text);
  JsonWriter& number(std::int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();

 private:
  void separate();

  std::string& out_;
  bool need_comma_ = false;
};

// Appends `text` as a JSON string literal (with quotes), escaped as described above.
void append_json_string(std::string& out, std::string_view text);

}  // namespace cove::core
