#include "core/json_input.hpp"

#include <vector>

#include <fmt/format.h>

namespace cove::core {

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;  // count lead bytes only
  }
  return n;
}

std::string check_string(std::string_view value, const StringRule& rule) {
  const auto len = utf8_length(value);
  if (len == 0 && rule.min_chars > 0) return "required";
  if (len < rule.min_chars) return "too_short";
  if (len > rule.max_chars) return "too_long";
  for (unsigned char c : value) {
    const bool allowed_ws = rule.multiline && (c == '\n' || c == '\r' || c == '\t');
    if ((c < 0x20 || c == 0x7F) && !allowed_ws) return "invalid_characters";
  }
  return {};
}

namespace {
std::string describe(const std::string& code, const StringRule& rule) {
  if (code == "required") return "This field is required";
  if (code == "too_short") return fmt::format("Must be at least {} characters", rule.min_chars);
  if (code == "too_long") return fmt::format("Must be at most {} characters", rule.max_chars);
  return "Contains characters that are not allowed";
}
}  // namespace

namespace {

// Watches the parser's events for keys repeated within one object (nlohmann keeps the last one
// silently) and for nesting past kMaxJsonDepth, remembering the path of the first repeat.
class StrictnessCheck {
 public:
  bool on_event(int depth, nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    if (depth > static_cast<int>(kMaxJsonDepth)) too_deep_ = true;
    switch (event) {
      case E::object_start: frames_.push_back({true}); break;
      case E::array_start: frames_.push_back({false}); break;
      case E::key: {
        auto& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second && duplicate_.empty()) duplicate_ = path();
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        element_done();
        break;
      case E::value: element_done(); break;
    }
    return true;
  }
  const std::string& duplicate() const { return duplicate_; }
  bool too_deep() const { return too_deep_; }

 private:
  struct Frame {
    bool object;
    std::set<std::string, std::less<>> keys;
    std::string key;
    std::size_t index = 0;
  };
  void element_done() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }
  // "owner.email", "items[2].name": the notation field errors use.
  std::string path() const {
    std::string out;
    for (const auto& f : frames_) {
      if (f.object) {
        if (!out.empty()) out += '.';
        out += f.key;
      } else {
        out += fmt::format("[{}]", f.index);
      }
    }
    return out;
  }
  std::vector<Frame> frames_;
  std::string duplicate_;
  bool too_deep_ = false;
};

}  // namespace

JsonInput JsonInput::parse(std::string_view body) {
  StrictnessCheck check;
  nlohmann::json doc = nlohmann::json::parse(
      body,
      [&check](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return check.on_event(depth, event, parsed);
      },
      /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    throw Error(400, "invalid_json", "The request body is not valid JSON");
  }
  if (check.too_deep()) {
    throw Error(400, "invalid_json", fmt::format("The request body nests deeper than {} levels", kMaxJsonDepth));
  }
  if (!check.duplicate().empty()) {
    // Last-one-wins would store a value the client may not have meant; name the key instead.
    FieldErrors errors;
    errors.add(check.duplicate(), "duplicate_key", "This key appears more than once in its object");
    errors.throw_if_any();
  }
  if (!doc.is_object()) {
    throw Error(400, "invalid_json", "The request body must be a JSON object");
  }
  FieldErrors unused;
  JsonInput in(doc, unused);
  in.owned_ = std::move(doc);
  in.object_ = &*in.owned_;
  in.errors_ = &in.own_errors_;
  return in;
}

JsonInput::JsonInput(const nlohmann::json& object, FieldErrors& errors, std::string prefix)
    : object_(&object), errors_(&errors), prefix_(std::move(prefix)) {}

JsonInput::JsonInput(JsonInput&& other) noexcept
    : owned_(std::move(other.owned_)),
      object_(owned_ ? &*owned_ : other.object_),
      own_errors_(std::move(other.own_errors_)),
      errors_(other.errors_ == &other.own_errors_ ? &own_errors_ : other.errors_),
      prefix_(std::move(other.prefix_)),
      known_(std::move(other.known_)) {}

bool JsonInput::has(const char* name) const {
  auto it = object_->find(name);
  return it != object_->end() && !it->is_null();
}

bool JsonInput::present(const char* name) const { return object_->contains(name); }

const nlohmann::json* JsonInput::take(const char* name) {
  known_.insert(name);
  auto it = object_->find(name);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

void JsonInput::add_error(const std::string& field, std::string code, std::string message) {
  errors_->add(field, std::move(code), std::move(message));
}

std::optional<std::string> JsonInput::optional_string(const char* name, StringRule rule) {
  const auto* v = take(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    add_error(field_name(name), "invalid_type", "Must be a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (auto code = check_string(s, rule); !code.empty()) {
    add_error(field_name(name), code, describe(code, rule));
    return std::nullopt;
  }
  return s;
}

std::string JsonInput::required_string(const char* name, StringRule rule) {
  if (!has(name)) {
    known_.insert(name);
    add_error(field_name(name), "required", "This field is required");
    return {};
  }
  if (rule.min_chars == 0) rule.min_chars = 1;
  return optional_string(name, rule).value_or(std::string{});
}

std::optional<std::int64_t> JsonInput::optional_int(const char* name, std::int64_t min,
                                                    std::int64_t max) {
  const auto* v = take(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number_integer()) {
    add_error(field_name(name), "invalid_type", "Must be an integer");
    return std::nullopt;
  }
  // Unsigned values beyond int64 range are out of range for every field we have.
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    add_error(field_name(name), "out_of_range", fmt::format("Must be between {} and {}", min, max));
    return std::nullopt;
  }
  const auto n = v->get<std::int64_t>();
  if (n < min || n > max) {
    add_error(field_name(name), "out_of_range", fmt::format("Must be between {} and {}", min, max));
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonInput::required_int(const char* name, std::int64_t min, std::int64_t max) {
  if (!has(name)) {
    known_.insert(name);
    add_error(field_name(name), "required", "This field is required");
    return min;
  }
  return optional_int(name, min, max).value_or(min);
}

std::optional<bool> JsonInput::optional_bool(const char* name) {
  const auto* v = take(name);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) {
    add_error(field_name(name), "invalid_type", "Must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<JsonInput> JsonInput::object(const char* name, bool required) {
  const auto* v = take(name);
  if (v == nullptr) {
    if (required) add_error(field_name(name), "required", "This field is required");
    return std::nullopt;
  }
  if (!v->is_object()) {
    add_error(field_name(name), "invalid_type", "Must be an object");
    return std::nullopt;
  }
  return JsonInput(*v, *errors_, field_name(name) + ".");
}

void JsonInput::check_unknown() {
  for (const auto& [key, value] : object_->items()) {
    if (!known_.contains(key)) {
      add_error(prefix_ + key, "unknown_field", "This field is not recognised");
    }
  }
}

void JsonInput::finish() {
  check_unknown();
  errors_->throw_if_any();
}

}  // namespace cove::core
