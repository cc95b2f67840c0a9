#include "modules/apps/version_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "core/zip_inspect.hpp"
#include "modules/apps/app_repo.hpp"
#include "modules/apps/apps_lookups.hpp"
#include "modules/apps/base_library_repo.hpp"
#include "modules/apps/change_entry.hpp"
#include "modules/apps/version_repo.hpp"

namespace cove::apps {

namespace {

constexpr std::size_t kMaxManifestPages = 500;
constexpr std::size_t kMaxPagePathBytes = 256;
constexpr std::size_t kMaxTitleChars = 100;

// The strictly-increasing rule, checked before the zip is read and again inside the write.
void ensure_new_and_increasing(core::Conn& c, const Version& v) {
  if (version_repo::find(c, v.org_id, v.app_id, v.version)) {
    throw core::Error::conflict("apps.version_exists",
                                fmt::format("Version {} of this mini-program already exists", v.version));
  }
  if (auto latest = version_repo::latest(c, v.org_id, v.app_id);
      latest && compare_versions(v, *latest) <= 0) {
    throw core::Error(
        409, "apps.version_not_increasing",
        fmt::format("Versions must increase: {} is not newer than {}", v.version, latest->version),
        {{"latest", latest->version}});
  }
}

std::string clip_title(const std::string& title) {
  if (core::utf8_length(title) <= kMaxTitleChars) return title;
  std::size_t chars = 0, i = 0;
  while (i < title.size() && chars < kMaxTitleChars) {
    ++i;
    while (i < title.size() && (static_cast<unsigned char>(title[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  return title.substr(0, i);
}

// app.json (WeChat-style): "pages" and a title from "title" or window.navigationBarTitleText.
nlohmann::json read_manifest(const std::optional<std::string>& raw) {
  if (!raw) return nullptr;
  const auto bad = [](const std::string& why) {
    return core::Error(400, "packages.bad_manifest", fmt::format("app.json is not valid: {}", why),
                       {{"entry", "app.json"}});
  };
  auto doc = nlohmann::json::parse(*raw, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw bad("it must be a JSON object");
  nlohmann::json out = {{"title", nullptr}, {"pages", nlohmann::json::array()}};
  const nlohmann::json* title = nullptr;
  if (auto it = doc.find("title"); it != doc.end()) title = &*it;
  if (auto w = doc.find("window"); !title && w != doc.end() && w->is_object()) {
    if (auto t = w->find("navigationBarTitleText"); t != w->end()) title = &*t;
  }
  if (title) {
    if (!title->is_string()) throw bad("the title must be a string");
    out["title"] = clip_title(title->get<std::string>());
  }
  if (auto pages = doc.find("pages"); pages != doc.end()) {
    if (!pages->is_array()) throw bad("\"pages\" must be an array of page paths");
    if (pages->size() > kMaxManifestPages) throw bad(fmt::format("at most {} pages", kMaxManifestPages));
    for (const auto& p : *pages) {
      if (!p.is_string() || p.get_ref<const std::string&>().empty() ||
          p.get_ref<const std::string&>().size() > kMaxPagePathBytes) {
        throw bad("each page is a path of 1 to 256 bytes");
      }
      out["pages"].push_back(p);
    }
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const VersionDiff& d) {
  auto list = [](const std::vector<VersionFile>& files) {
    auto out = nlohmann::json::array();
    for (const auto& f : files) out.push_back(to_json(f));
    return out;
  };
  auto changed = nlohmann::json::array();
  for (const auto& [a, b] : d.changed) {
    changed.push_back({{"path", a.path},
                       {"from", {{"size", a.size}, {"sha256", a.sha256}}},
                       {"to", {{"size", b.size}, {"sha256", b.sha256}}}});
  }
  return {{"from", to_json(d.from)},
          {"to", to_json(d.to)},
          {"files",
           {{"added", list(d.added)},
            {"removed", list(d.removed)},
            {"changed", std::move(changed)},
            {"unchanged", d.unchanged}}}};
}

std::uint64_t VersionService::package_limit(const std::string& org_id) const {
  return static_cast<std::uint64_t>(
      db_.read([&](core::Conn& c) { return quotas_.limit(c, org_id, quotas::kMaxPackageBytes); }));
}

Version VersionService::upload(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                               const std::string& version, const Upload& package) {
  const auto semver = parse_release_version(version, "1.4.0");
  if (package.size == 0)
    throw core::Error::bad_request("empty_body", "Send the zip package as the request body");
  if (const auto limit = package_limit(org_id); package.size > limit) {
    throw core::Error(413, "quota.exceeded",
                      "The package is larger than the organisation's package size limit",
                      {{"quota", "maxPackageBytes"}, {"limit", limit}, {"current", package.size}});
  }
  Version v;
  v.id = core::new_id("ver");
  v.app_id = app_id;
  v.org_id = org_id;
  v.version = version;
  v.major = static_cast<std::int64_t>(semver.major);
  v.minor = static_cast<std::int64_t>(semver.minor);
  v.patch = static_cast<std::int64_t>(semver.patch);
  v.package_sha256 = package.sha256;
  v.package_size = static_cast<std::int64_t>(package.size);
  v.uploaded_by = actor.principal->id;
  db_.read([&](core::Conn& c) {
    require_app(c, org_id, app_id);
    ensure_new_and_increasing(c, v);
  });

  const auto zip = core::inspect_zip(package.path);
  v.manifest = read_manifest(zip.manifest);
  std::vector<VersionFile> files;
  for (const auto& e : zip.entries) {
    if (e.directory) continue;
    files.push_back({e.name, static_cast<std::int64_t>(e.size), e.sha256});
  }
  v.file_count = static_cast<std::int64_t>(files.size());
  v.unpacked_size = static_cast<std::int64_t>(zip.total_uncompressed);
  blobs_.adopt(package.path, package.sha256);

  v.created_ms = v.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    require_app(tx, org_id, app_id);
    ensure_new_and_increasing(tx, v);
    version_repo::insert(tx, v, files);
    changes_.record(tx, actor, events::VersionUploaded{org_id, app_id, v.id, version},
                    change_entry(org_id, "version", v.id, nullptr,
                                 {{"appId", app_id},
                                  {"version", version},
                                  {"sha256", v.package_sha256},
                                  {"size", v.package_size}}));
  });
  return v;
}

Version VersionService::get(const std::string& org_id, const std::string& app_id,
                            const std::string& version) const {
  return db_.read([&](core::Conn& c) { return require_version(c, org_id, app_id, version); });
}

core::Page<Version> VersionService::list(const std::string& org_id, const std::string& app_id,
                                          const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    require_app(c, org_id, app_id);
    return version_repo::list(c, org_id, app_id, page);
  });
}

std::vector<VersionFile> VersionService::files(const std::string& org_id, const std::string& app_id,
                                               const std::string& version) const {
  return db_.read([&](core::Conn& c) {
    return version_repo::files(c, org_id, require_version(c, org_id, app_id, version).id);
  });
}

Version VersionService::update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                               const std::string& version, const VersionPatch& patch) {
  return db_.write([&](core::Tx& tx) {
    auto v = require_version(tx, org_id, app_id, version);
    if (patch.min_base_library && !patch.min_base_library->empty() &&
        !base_library_repo::find(tx, *patch.min_base_library)) {
      core::FieldErrors errors;
      errors.add("minBaseLibrary", "unknown_value", "Not a base-library version the platform knows");
      errors.throw_if_any();
    }
    const Version stored = v;
    if (patch.changelog) v.changelog = *patch.changelog;
    if (patch.min_base_library) v.min_base_library = *patch.min_base_library;
    if (v == stored) return stored;  // the whole row: nothing changed, nothing to record
    const nlohmann::json before = {{"changelog", stored.changelog}, {"minBaseLibrary", stored.min_base_library}};
    const nlohmann::json after = {{"changelog", v.changelog}, {"minBaseLibrary", v.min_base_library}};
    v.updated_ms = clock_.unix_millis();
    version_repo::update(tx, v);
    changes_.record(tx, actor, events::VersionUpdated{org_id, app_id, v.id, version},
                    change_entry(org_id, "version", v.id, before, after));
    return require_version(tx, org_id, app_id, version);  // answer with what was stored
  });
}

void VersionService::remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                            const std::string& version) {
  db_.write([&](core::Tx& tx) {
    const auto v = require_version(tx, org_id, app_id, version);
    if (v.released_ms > 0) {
      throw core::Error(409, "apps.version_released", "A version that has been released cannot be deleted",
                        {{"status", v.status}});
    }
    for (const auto& guard : delete_guards_) guard(tx, org_id, v.id);
    version_repo::remove(tx, org_id, v.id);
    changes_.record(
        tx, actor, events::VersionDeleted{org_id, app_id, v.id, version},
        change_entry(org_id, "version", v.id, {{"appId", app_id}, {"version", version}}, nullptr));
  });
}

Version VersionService::make_released(core::Tx& tx, const core::Actor& actor, Version target, bool rollback) {
  auto app = require_app(tx, target.org_id, target.app_id);
  std::optional<Version> previous;
  if (!app.released_version_id.empty())
    previous = version_repo::find_by_id(tx, target.org_id, app.released_version_id);
  const auto now = clock_.unix_millis();
  if (previous) {
    previous->status = "superseded";
    previous->updated_ms = now;
    version_repo::update(tx, *previous);
  }
  if (target.signature.empty()) target.signature = signer_.sign(target.package_sha256);
  target.status = "released";
  target.released_ms = target.updated_ms = now;
  version_repo::update(tx, target);
  app_repo::set_released(tx, target.org_id, target.app_id, target.id, now);
  if (app.status == "draft") {
    app.status = "online";
    app.updated_ms = now;
    app_repo::set_status(tx, app);
    // Part of the release, which the entry below logs.
    changes_.announce(tx, events::AppStatusChanged{target.org_id, target.app_id, app.status});
  }
  const nlohmann::json prev_version = previous ? nlohmann::json(previous->version) : nlohmann::json(nullptr);
  changes_.record(tx, actor,
                  events::VersionReleased{target.org_id, target.app_id, target.id, target.version,
                                          prev_version, rollback},
                  change_entry(target.org_id, "version", target.id, {{"releasedVersion", prev_version}},
                               {{"releasedVersion", target.version}, {"sha256", target.package_sha256}},
                               rollback ? "version.rolled_back" : "version.released"));
  return target;
}

Version VersionService::release(const core::Actor& actor, const std::string& org_id,
                                const std::string& app_id, const std::string& version) {
  return db_.write([&](core::Tx& tx) { return release_in(tx, actor, org_id, app_id, version); });
}

Version VersionService::release_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                                   const std::string& app_id, const std::string& version) {
  auto v = require_version(tx, org_id, app_id, version);
  if (v.status == "released")
    throw core::Error::conflict("apps.already_released", "This version is already released");
  if (v.status == "superseded") {
    throw core::Error::conflict("apps.use_rollback",
                                "This version was released before; roll back to it instead");
  }
  // Later modules' refusals first: "needs an approved review" says more than "in_review".
  check_release_guards(tx, v);
  if (!releasable(v)) {
    throw core::Error(409, "apps.not_releasable",
                      fmt::format("A version that is {} cannot be released", v.status),
                      {{"status", v.status}});
  }
  const auto app = require_app(tx, org_id, app_id);
  if (!app.released_version_id.empty()) {
    auto current = version_repo::find_by_id(tx, org_id, app.released_version_id);
    if (current && compare_versions(v, *current) < 0) {
      throw core::Error(
          409, "apps.version_older_than_released",
          fmt::format("{} is older than the released {}; roll back instead", v.version, current->version),
          {{"released", current->version}});
    }
  }
  return make_released(tx, actor, std::move(v), false);
}

void VersionService::check_release_guards(core::Conn& c, const Version& v) const {
  for (const auto& guard : release_guards_) guard(c, v.org_id, v.app_id, v.status);
}

Version VersionService::rollback(const core::Actor& actor, const std::string& org_id,
                                 const std::string& app_id, const std::string& version) {
  return db_.write([&](core::Tx& tx) {
    auto v = require_version(tx, org_id, app_id, version);
    if (v.status != "superseded") {
      throw core::Error(
          409, "apps.not_rollback_target",
          "Only a version that was released before and has since been replaced can be rolled back to",
          {{"status", v.status}});
    }
    return make_released(tx, actor, std::move(v), true);
  });
}

VersionDiff VersionService::compare(const std::string& org_id, const std::string& app_id,
                                    const std::string& from, const std::string& to) const {
  return db_.read([&](core::Conn& c) {
    auto a = version_repo::find(c, org_id, app_id, from);
    auto b = version_repo::find(c, org_id, app_id, to);
    if (!a || !b) throw errors::version_not_found();
    VersionDiff d{*a, *b, {}, {}, {}, 0};
    const auto fa = version_repo::files(c, org_id, a->id);
    const auto fb = version_repo::files(c, org_id, b->id);
    // Both lists are sorted by path: one merge pass.
    std::size_t i = 0, j = 0;
    while (i < fa.size() || j < fb.size()) {
      if (j == fb.size() || (i < fa.size() && fa[i].path < fb[j].path)) {
        d.removed.push_back(fa[i++]);
      } else if (i == fa.size() || fb[j].path < fa[i].path) {
        d.added.push_back(fb[j++]);
      } else {
        if (fa[i].sha256 != fb[j].sha256 || fa[i].size != fb[j].size)
          d.changed.emplace_back(fa[i], fb[j]);
        else
          ++d.unchanged;
        ++i;
        ++j;
      }
    }
    return d;
  });
}

BlobFile VersionService::package(const std::string& org_id, const std::string& app_id,
                                 const std::string& version) const {
  const auto v = get(org_id, app_id, version);
  auto blob =
      find_blob(blobs_, {v.package_sha256, fmt::format("{}-{}.zip", app_id, version), "application/zip"});
  if (!blob) throw core::Error::not_found("apps.package_missing", "The package file is missing");
  return std::move(*blob);
}

}  // namespace cove::apps
