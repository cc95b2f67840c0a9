// Everything a request target passes through before a handler: percent-decoding, traversal
// checks, routing, query parsing, and the parsers fed from query values (SemVer, CIDR, times).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/cidr.hpp"
#include "core/clock.hpp"
#include "core/semver.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace {
cove::http::Router& router() {
  static cove::http::Router r = [] {
    cove::http::Router x;
    const auto ok = [](cove::http::Request&) { return cove::http::Response::no_content(); };
    x.add(cove::http::Method::kGet, "/api/v1/apps/{appId}", ok);
    x.add(cove::http::Method::kGet, "/api/v1/apps/new", ok);
    x.add(cove::http::Method::kPut, "/api/v1/apps/{appId}/versions/{version}/package", ok);
    return x;
  }();
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string target(reinterpret_cast<const char*>(data), size);
  const auto q = target.find('?');
  std::string path;
  if (!cove::http::percent_decode(target.substr(0, q), path, false)) return 0;
  cove::http::StaticFiles::is_traversal_attempt(path);
  router().match(cove::http::Method::kGet, path);
  router().match(cove::http::Method::kPut, path);
  cove::http::Request req;
  req.query = q == std::string::npos ? std::string() : target.substr(q + 1);
  for (const auto& [k, v] : req.query_params()) {
    cove::core::SemVer::parse(v);
    cove::core::CidrRange::parse(v);
    cove::core::TimePoint t;
    cove::core::parse_rfc3339(v, t);
  }
  return 0;
}
