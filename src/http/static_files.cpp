#include "http/static_files.hpp"

#include "core/error.hpp"

namespace cove::http {

namespace {

// The console's policy. Scripts: only the bundle's own files (Vite emits no inline script).
// Styles: 'unsafe-inline' because Element Plus positions popovers, dialogs and tables with inline
// style attributes and injects CSS variables at run time; style injection cannot run script.
// Images: data: for the 2FA QR code drawn in the browser, blob: for icons and licence scans
// fetched with the access token. Everything else, including API calls, stays same-origin.
constexpr std::string_view kHtmlPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

// Vite names bundles "name-<hash>.ext" under assets/: those never change, so cache them forever.
bool is_hashed_asset(std::string_view path) {
  if (!path.starts_with("assets/")) return false;
  const auto dash = path.rfind('-');
  const auto dot = path.rfind('.');
  return dash != std::string_view::npos && dot != std::string_view::npos && dot > dash + 8;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (iequals(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

bool accepts_gzip(const Request& req) {
  const auto ae = req.headers.get("Accept-Encoding");
  return ae && contains_ci(*ae, "gzip");
}

}  // namespace

StaticFiles::StaticFiles(std::span<const core::EmbeddedFile> files) {
  for (const auto& f : files) {
    by_path_[f.path] = &f;
    if (f.path == "index.html") index_ = &f;
  }
}

bool StaticFiles::is_traversal_attempt(std::string_view path) {
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return true;
  // The path is already percent-decoded; an encoded dot that survives decoding was double-encoded.
  if (contains_ci(path, "%2e") || contains_ci(path, "%2f") || contains_ci(path, "%5c")) return true;
  std::string_view rest = path;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto seg = rest.substr(0, slash);
    if (seg == ".." || seg == ".") return true;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return false;
}

std::string_view StaticFiles::content_type_for(std::string_view path) {
  const auto dot = path.rfind('.');
  const auto ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

Response StaticFiles::respond_with(const Request& req, const core::EmbeddedFile& file) const {
  Response res;
  std::string etag;
  etag.reserve(34);
  etag.append(1, '"').append(file.sha256.substr(0, 32)).append(1, '"');
  res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", is_hashed_asset(file.path) ? "public, max-age=31536000, immutable" : "no-cache");
  res.headers.set("Content-Type", std::string(content_type_for(file.path)));
  if (file.path.ends_with(".html")) res.headers.set("Content-Security-Policy", std::string(kHtmlPolicy));
  if (!file.gzip.empty()) res.headers.set("Vary", "Accept-Encoding");
  if (const auto inm = req.headers.get("If-None-Match"); inm && *inm == etag) {
    res.status = 304;
    return res;
  }
  if (!file.gzip.empty() && accepts_gzip(req)) {
    res.headers.set("Content-Encoding", "gzip");
    res.body.assign(file.gzip);
  } else {
    res.body.assign(file.data);
  }
  return res;
}

Response StaticFiles::serve(const Request& req) const {
  if (is_traversal_attempt(req.path)) throw core::Error::not_found("not_found", "No such file");
  std::string_view rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  if (rel.empty()) rel = "index.html";
  if (auto it = by_path_.find(rel); it != by_path_.end()) return respond_with(req, *it->second);
  // A missing file (has an extension) is a 404; anything else is a client-side route of the SPA.
  const auto last_slash = rel.rfind('/');
  const auto last = last_slash == std::string_view::npos ? rel : rel.substr(last_slash + 1);
  if (last.find('.') != std::string_view::npos || index_ == nullptr) {
    throw core::Error::not_found("not_found", "No such file");
  }
  return respond_with(req, *index_);
}

}  // namespace cove::http
