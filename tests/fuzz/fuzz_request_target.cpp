// Everything a request target passes through before a handler: percent-decoding, traversal
// checks, routing, query parsing, and the parsers fed from query values (SemVer, CIDR, times).
// Besides memory errors and UB (ASan/UBSan), the target traps when a documented property fails:
// encoding round-trips, captured segments, and every accepted value printing back as it was read.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/cidr.hpp"
#include "core/clock.hpp"
#include "core/semver.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace {

// A broken property is a finding like a crash: libFuzzer saves the input that trapped.
void require(bool property) {
  if (!property) __builtin_trap();
}

// Router is neither copyable nor movable, so it lives behind a pointer built once.
const cove::http::Router& router() {
  static const auto r = [] {
    auto x = std::make_unique<cove::http::Router>();
    const auto ok = [](cove::http::Request&) { return cove::http::Response::no_content(); };
    x->add(cove::http::Method::kGet, "/api/v1/apps/{appId}", ok);
    x->add(cove::http::Method::kGet, "/api/v1/apps/new", ok);
    x->add(cove::http::Method::kPut, "/api/v1/apps/{appId}/versions/{version}/package", ok);
    return x;
  }();
  return *r;
}

void check_route(cove::http::Method method, const std::string& path) {
  const auto m = router().match(method, path);
  if (m.kind != cove::http::RouteMatch::Kind::kFound) return;
  // A capture is one whole, non-empty segment of the decoded path.
  for (const auto& [name, value] : m.params) {
    require(!value.empty() && value.find('/') == std::string::npos);
    require(path.find(value) != std::string::npos);
  }
}

void check_query_value(const std::string& v) {
  if (const auto semver = cove::core::SemVer::parse(v)) {
    // Strict SemVer has one spelling per value (no leading zeros, no "v").
    require(semver->to_string() == v);
    require(cove::core::compare(*semver, *semver) == 0);
  }
  if (const auto range = cove::core::CidrRange::parse(v)) {
    require(range->contains(std::string_view(v).substr(0, v.find('/'))));
  }
  cove::core::TimePoint t;
  if (cove::core::parse_rfc3339(v, t)) {
    // What we print (UTC, milliseconds) must read back as the same instant, years 0000-9999.
    const auto printed = cove::core::format_rfc3339(t);
    cove::core::TimePoint again;
    if (printed.size() == 24 && printed[0] != '-') {
      require(cove::core::parse_rfc3339(printed, again) && again == t);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  const auto q = target.find('?');
  const std::string raw_path = target.substr(0, q);
  std::string path;
  if (cove::http::percent_decode(raw_path, path, false)) {
    std::string round_trip;
    require(cove::http::percent_decode(cove::http::percent_encode(path), round_trip, false));
    require(round_trip == path);
    cove::http::StaticFiles::is_traversal_attempt(path);
    check_route(cove::http::Method::kGet, path);
    check_route(cove::http::Method::kPut, path);
  }
  cove::http::Request req;
  req.query = q == std::string::npos ? std::string() : target.substr(q + 1);
  for (const auto& [k, v] : req.query_params()) check_query_value(v);
  return 0;
}
