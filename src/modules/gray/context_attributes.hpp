#pragma once
// Attributes given as a JSON object — the simulation's and evaluation tool's context:
// {"uid": "u1", "osVersion": "17.2", "ctx.channel": "beta", "hostApp": "hst_…", "ip": "10.0.0.1"}.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "modules/gray/condition.hpp"
#include "modules/gray/gray_api.hpp"

namespace cove::gray {


class ContextAttributes final : public Attributes {
 public:
  ContextAttributes() = default;
  // Reads the object under `field`; problems go to `errors` (unknown attribute, not a string,
  // too long, too many). `now` cannot be given here: it is the request's `now` field.
  static ContextAttributes parse(const nlohmann::json& doc, core::FieldErrors& errors,
                                 const std::string& field = "context");

  std::optional<std::string_view> get(std::string_view attribute) const override;
  void set(std::string attribute, std::string value) { values_[std::move(attribute)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace cove::gray
