#pragma once
// Typed event payloads. A module's public header declares each event it emits as a struct with
// its topic and the JSON name of every field, so subscribers in other modules (and webhook
// consumers) read fields by type instead of spelling strings:
//
//   struct VersionReleased {
//     static constexpr std::string_view kTopic = "version.released";
//     std::string org_id, app_id, version;
//     static constexpr auto fields() {
//       return std::tuple{core::field("orgId", &VersionReleased::org_id), …};
//     }
//   };
//   events.emit(tx, VersionReleased{…});                       // payload {"orgId": …, …}
//   auto e = core::event_from<VersionReleased>(event.payload);  // in a subscriber
#include <concepts>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

namespace cove::core {

template <class T, class M>
struct EventField {
  std::string_view name;
  M T::*member;
};

template <class T, class M>
constexpr EventField<T, M> field(std::string_view name, M T::*member) {
  return {name, member};
}

template <class E>
concept EventType = requires {
  { E::kTopic } -> std::convertible_to<std::string_view>;
  E::fields();
};

template <EventType E>
nlohmann::json event_payload(const E& e) {
  nlohmann::json out = nlohmann::json::object();
  std::apply([&](const auto&... f) { ((out[std::string(f.name)] = e.*(f.member)), ...); }, E::fields());
  return out;
}

// Reads a payload written by event_payload(); a missing field keeps its default (payloads of
// older releases stay readable), a mistyped one throws nlohmann::json::exception.
template <EventType E>
E event_from(const nlohmann::json& payload) {
  E e{};
  std::apply(
      [&](const auto&... f) {
        (
            [&] {
              const auto it = payload.find(std::string(f.name));
              if (it != payload.end() && !it->is_null()) it->get_to(e.*(f.member));
            }(),
            ...);
      },
      E::fields());
  return e;
}

}  // namespace cove::core
