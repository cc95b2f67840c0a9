#include "modules/review/precheck.hpp"

#include <zip.h>

#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "modules/review/precheck_scan.hpp"

namespace cove::review {

namespace {

using ZipPtr = std::unique_ptr<zip_t, decltype(&zip_discard)>;
using ZipFilePtr = std::unique_ptr<zip_file_t, decltype(&zip_fclose)>;

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kMaxManifestBytes = 1024 * 1024;

std::string extension(const std::string& name) {
  const auto slash = name.rfind('/');
  const auto dot = name.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// Files whose text is searched (hosts, keywords) and those that hold code (eval, API calls).
bool is_text(const std::string& ext) {
  static const std::set<std::string> kText = {"js",   "mjs", "cjs", "ts",  "json", "wxml", "wxss", "wxs", "html",
                                              "htm",  "css", "txt", "md",  "xml",  "svg",  "vue",  "axml",
                                              "acss", "sjs", "qml", "ttml", "ttss"};
  return kText.contains(ext);
}
bool is_script(const std::string& ext) {
  return ext == "js" || ext == "mjs" || ext == "cjs" || ext == "ts" || ext == "wxs" || ext == "sjs" ||
         ext == "html" || ext == "htm";
}
bool is_code_or_template(const std::string& ext) { return is_script(ext) || ext == "wxml" || ext == "axml" || ext == "vue"; }

// Collects one check's findings with a bound on the evidence kept.
struct Findings {
  std::vector<Evidence> evidence;
  std::int64_t matches = 0;
  void add(std::string file, std::int64_t line, std::string excerpt) {
    ++matches;
    if (evidence.size() < kMaxEvidence) evidence.push_back({std::move(file), line, std::move(excerpt)});
  }
};

std::int64_t line_of(const std::string& text, std::size_t pos) {
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(pos, text.size())), '\n');
}

CheckResult structure_check(const std::optional<std::string>& manifest_text, const std::set<std::string>& files,
                            nlohmann::json& manifest) {
  CheckResult r{.name = "structure", .result = "pass"};
  const auto fail = [&](std::string summary, std::int64_t line, std::string excerpt) {
    r.result = "fail";
    r.summary = std::move(summary);
    r.evidence.push_back({"app.json", line, std::move(excerpt)});
  };
  if (!manifest_text) {
    fail("The package has no app.json at its root", 0, "");
    return r;
  }
  manifest = nlohmann::json::parse(*manifest_text, nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    manifest = nullptr;
    fail("app.json is not a JSON object", 1, valid_utf8(manifest_text->substr(0, 120)));
    return r;
  }
  const auto pages = manifest.find("pages");
  if (pages == manifest.end() || !pages->is_array() || pages->empty()) {
    fail("app.json lists no pages (\"pages\": [\"pages/index/index\", …])", 1, "");
    return r;
  }
  std::int64_t missing = 0;
  for (const auto& p : *pages) {
    if (!p.is_string()) continue;
    const auto page = p.get<std::string>();
    // A page is its files pages/x/x.{js,wxml,…}: any file named after it counts.
    const auto it = files.lower_bound(page + ".");
    if (it != files.end() && it->starts_with(page + ".")) continue;
    ++missing;
    const auto pos = manifest_text->find("\"" + page + "\"");
    if (r.evidence.size() < kMaxEvidence)
      r.evidence.push_back({"app.json", pos == std::string::npos ? 0 : line_of(*manifest_text, pos), valid_utf8(page)});
  }
  r.details = {{"pages", pages->size()}, {"missing", missing}};
  if (missing > 0) {
    r.result = "fail";
    r.summary = fmt::format("{} of the {} pages app.json lists have no files in the package", missing, pages->size());
  } else {
    r.summary = fmt::format("app.json lists {} pages; each has its files", pages->size());
  }
  return r;
}

CheckResult limits_check(std::int64_t files, std::int64_t bytes, const PrecheckOptions& o) {
  CheckResult r{.name = "limits", .result = "pass"};
  r.details = {{"files", files}, {"maxFiles", o.max_files}, {"unpackedBytes", bytes},
               {"maxUnpackedBytes", o.max_unpacked_bytes}};
  if (files > o.max_files || bytes > o.max_unpacked_bytes) {
    r.result = "fail";
    r.summary = fmt::format("{} files, {} bytes unpacked: over the limits ({} files, {} bytes)", files, bytes,
                            o.max_files, o.max_unpacked_bytes);
  } else if (files * 5 > o.max_files * 4 || bytes * 5 > o.max_unpacked_bytes * 4) {
    r.result = "warn";
    r.summary = fmt::format("{} files, {} bytes unpacked: above 80 % of the limits", files, bytes);
  } else {
    r.summary = fmt::format("{} files, {} bytes unpacked", files, bytes);
  }
  return r;
}

}  // namespace

std::vector<CheckResult> run_prechecks(const std::filesystem::path& zip, const PrecheckOptions& options) {
  int err = 0;
  ZipPtr za(zip_open(zip.c_str(), ZIP_RDONLY, &err), zip_discard);
  if (!za) {
    return {{.name = "structure", .result = "fail", .summary = "The package cannot be opened as a zip archive"}};
  }
  const zip_int64_t count = std::max<zip_int64_t>(zip_get_num_entries(za.get(), 0), 0);

  // The directory: names, sizes, app.json.
  std::set<std::string> files;
  std::int64_t unpacked = 0;
  std::optional<std::string> manifest_text;
  std::string chunk(kChunk, '\0');
  const auto read_entry = [&](zip_uint64_t index, const std::function<bool(std::string_view, bool)>& sink) {
    ZipFilePtr zf(zip_fopen_index(za.get(), index, 0), zip_fclose);
    if (!zf) return false;
    for (;;) {
      const auto n = zip_fread(zf.get(), chunk.data(), chunk.size());
      if (n < 0) return false;
      if (!sink(std::string_view(chunk.data(), static_cast<std::size_t>(n)), n == 0)) return true;
      if (n == 0) return true;
    }
  };
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0 || !st.name) continue;
    const std::string name = st.name;
    if (name.empty() || name.back() == '/') continue;
    files.insert(name);
    if (st.valid & ZIP_STAT_SIZE) unpacked += static_cast<std::int64_t>(st.size);
    if (name == "app.json" && st.size <= kMaxManifestBytes) {
      std::string text;
      read_entry(static_cast<zip_uint64_t>(i), [&](std::string_view data, bool) {
        text.append(data);
        return text.size() <= kMaxManifestBytes;
      });
      manifest_text = std::move(text);
    }
  }

  std::vector<CheckResult> out;
  nlohmann::json manifest = nullptr;
  out.push_back(structure_check(manifest_text, files, manifest));
  out.push_back(limits_check(static_cast<std::int64_t>(files.size()), unpacked, options));

  // One pass over the text files with every pattern.
  std::set<std::string> declared;
  if (manifest.is_object()) {
    if (const auto it = manifest.find("requiredPrivateInfos"); it != manifest.end() && it->is_array()) {
      for (const auto& v : *it)
        if (v.is_string()) declared.insert(v.get<std::string>());
    }
  }
  std::string api_alternatives;
  for (const auto& a : kPrivacyApis) api_alternatives += (api_alternatives.empty() ? "" : "|") + std::string(a.api);
  // Case-sensitive patterns: 0 dynamic code, 1 privacy APIs, 2 hosts.
  ChunkScanner code({R"(\b(eval)\s{0,20}\(|\bnew\s{1,20}(Function)\s{0,20}\()", R"(\b()" + api_alternatives + R"()\b)",
                     R"((?i:https|wss)://([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?))"},
                    false);
  std::vector<std::string> keyword_patterns;
  for (const auto& k : options.keywords) keyword_patterns.push_back(RE2::QuoteMeta(k.word));
  ChunkScanner words(keyword_patterns, true);

  Findings dynamic, privacy, hosts_found, keyword_warn, keyword_fail;
  std::map<std::string, std::int64_t> hosts;  // host → references
  std::set<std::string> used_apis, undeclared;
  std::map<std::string, std::int64_t> keyword_hits;
  std::int64_t unreadable = 0;

  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(za.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (!raw) continue;
    const std::string name = raw;
    if (name.empty() || name.back() == '/') continue;
    const auto ext = extension(name);
    if (!is_text(ext)) continue;
    const bool script = is_script(ext), code_file = is_code_or_template(ext);
    code.reset();
    words.reset();
    const bool read = read_entry(static_cast<zip_uint64_t>(i), [&](std::string_view data, bool last) {
      code.feed(data, last, [&](const ScanHit& h) {
        if (h.pattern == 0 && script) {
          dynamic.add(name, h.line, h.excerpt);
        } else if (h.pattern == 1 && code_file) {
          used_apis.insert(h.match);
          if (!declared.contains(h.match)) {
            undeclared.insert(h.match);
            privacy.add(name, h.line, h.excerpt);
          }
        } else if (h.pattern == 2) {
          std::string host = h.match;
          for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          const bool fresh = !hosts.contains(host);
          if (fresh && hosts.size() >= kMaxHosts) return;
          ++hosts[host];
          if (fresh) hosts_found.add(name, h.line, h.excerpt);
        }
      });
      if (!keyword_patterns.empty()) {
        words.feed(data, last, [&](const ScanHit& h) {
          const auto& k = options.keywords[h.pattern];
          ++keyword_hits[k.word];
          (k.level == "fail" ? keyword_fail : keyword_warn).add(name, h.line, h.excerpt);
        });
      }
      return true;
    });
    if (!read) ++unreadable;
  }

  CheckResult dyn{.name = "dynamic_code", .result = dynamic.matches ? "fail" : "pass"};
  dyn.summary = dynamic.matches ? fmt::format("{} uses of eval or new Function: code loaded at run time cannot be reviewed",
                                              dynamic.matches)
                                : "No eval or new Function";
  dyn.evidence = std::move(dynamic.evidence);
  dyn.details = {{"matches", dynamic.matches}};
  out.push_back(std::move(dyn));

  CheckResult priv{.name = "privacy", .result = undeclared.empty() ? "pass" : "fail"};
  priv.details = {{"used", used_apis}, {"declared", declared}, {"undeclared", undeclared}, {"matches", privacy.matches}};
  if (undeclared.empty()) {
    priv.summary = used_apis.empty() ? "No API that needs a privacy declaration is called"
                                     : fmt::format("Every privacy API called is declared ({})", fmt::join(used_apis, ", "));
  } else {
    priv.summary = fmt::format("Called without a declaration in app.json requiredPrivateInfos: {}",
                               fmt::join(undeclared, ", "));
  }
  priv.evidence = std::move(privacy.evidence);
  out.push_back(std::move(priv));

  CheckResult dom{.name = "domains", .result = hosts.empty() ? "pass" : "warn"};
  auto host_list = nlohmann::json::array();
  for (const auto& [h, n] : hosts) host_list.push_back({{"host", h}, {"references", n}});
  dom.details = {{"hosts", std::move(host_list)}};
  std::vector<std::string> names;
  for (const auto& [h, n] : hosts) names.push_back(h);
  dom.summary = hosts.empty() ? "No https:// or wss:// host is referenced"
                              : fmt::format("{} hosts referenced — check them against the mini-program's domains: {}",
                                            hosts.size(), fmt::join(names, ", "));
  dom.evidence = std::move(hosts_found.evidence);
  out.push_back(std::move(dom));

  CheckResult kw{.name = "keywords",
                 .result = keyword_fail.matches ? "fail" : keyword_warn.matches ? "warn" : "pass"};
  kw.details = {{"hits", keyword_hits}, {"keywords", options.keywords.size()}};
  if (keyword_hits.empty()) {
    kw.summary = options.keywords.empty() ? "No keyword list is configured" : "No listed keyword occurs";
  } else {
    std::vector<std::string> hit_words;
    for (const auto& [w, n] : keyword_hits) hit_words.push_back(fmt::format("{} ×{}", w, n));
    kw.summary = fmt::format("Listed keywords occur: {}", fmt::join(hit_words, ", "));
  }
  kw.evidence = std::move(keyword_fail.evidence);
  for (auto& e : keyword_warn.evidence) {
    if (kw.evidence.size() < kMaxEvidence) kw.evidence.push_back(std::move(e));
  }
  out.push_back(std::move(kw));

  if (unreadable > 0) {
    out.front().result = "fail";
    out.front().summary = fmt::format("{} files of the package cannot be read", unreadable);
  }
  return out;
}

}  // namespace cove::review
