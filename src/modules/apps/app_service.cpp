#include "modules/apps/app_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/media_type.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/apps/apps_lookups.hpp"
#include "modules/apps/change_entry.hpp"

namespace cove::apps {

namespace {

core::Error invalid_transition(const App& a, std::string_view wanted) {
  return core::Error(409, "apps.invalid_transition",
                     fmt::format("The mini-program is {}; it cannot be {}", a.status, wanted),
                     {{"status", a.status}});
}

void apply_fields(App& a, const AppFields& f) {
  if (f.name) a.name = *f.name;
  if (f.summary) a.summary = *f.summary;
  if (f.description) a.description = *f.description;
  if (f.category) a.category = *f.category;
  if (f.tags) a.tags = *f.tags;
  if (f.developer) a.developer = *f.developer;
  if (f.privacy) a.privacy = *f.privacy;
  if (f.repository_url) a.repository_url = *f.repository_url;
  if (f.security_rating) a.security_rating = *f.security_rating;
  if (f.contracts) a.contracts = *f.contracts;
}

nlohmann::json status_of(const App& a) {
  return {{"status", a.status}, {"offlineBy", a.offline_by}, {"reason", a.offline_reason}};
}

}  // namespace

App AppService::create(const core::Actor& actor, const std::string& org_id, const AppFields& fields) {
  App a;
  a.id = core::new_id("app");
  a.org_id = org_id;
  apply_fields(a, fields);
  a.created_by = actor.principal->id;
  a.created_ms = a.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    quotas_.ensure(tx, org_id, quotas::kMaxApps, app_repo::count_in_org(tx, org_id));
    app_repo::insert(tx, a);
    changes_.record(tx, actor, events::AppCreated{org_id, a.id},
                    change_entry(org_id, "app", a.id, nullptr, summary_of(a)));
  });
  return a;
}

App AppService::get(const std::string& org_id, const std::string& app_id) const {
  return db_.read([&](core::Conn& c) { return require_app(c, org_id, app_id); });
}

App AppService::update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                       const AppFields& f) {
  return db_.write([&](core::Tx& tx) {
    auto a = require_app(tx, org_id, app_id);
    const App stored = a;
    apply_fields(a, f);
    // The whole row, not a summary: a summary that leaves a field out drops edits of it.
    if (a == stored) return stored;
    a.updated_ms = clock_.unix_millis();
    app_repo::update_fields(tx, a);
    changes_.record(tx, actor, events::AppUpdated{org_id, app_id},
                    change_entry(org_id, "app", app_id, summary_of(stored), summary_of(a)));
    return require_app(tx, org_id, app_id);  // answer with what was stored
  });
}

void AppService::remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id) {
  db_.write([&](core::Tx& tx) {
    const auto a = require_app(tx, org_id, app_id);
    if (a.status == "online") {
      throw core::Error(409, "apps.online", "Take the mini-program offline before deleting it",
                        {{"status", a.status}});
    }
    app_repo::remove(tx, org_id, app_id);
    changes_.record(tx, actor, events::AppDeleted{org_id, app_id},
                    change_entry(org_id, "app", app_id, summary_of(a), nullptr));
  });
}

core::Page<App> AppService::list(const app_repo::AppFilter& filter, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return app_repo::list(c, filter, page); });
}

App AppService::set_icon(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                         const Upload& up) {
  if (up.size == 0) throw core::Error::bad_request("empty_body", "Send the icon image as the request body");
  if (up.size > kMaxIconBytes) throw core::Error::payload_too_large(kMaxIconBytes);
  const auto type = core::sniff_media_type(core::read_head(up.path, 16));
  if (type != core::kPng && type != core::kJpeg) {
    throw core::Error(415, "unsupported_media_type", "The icon must be a PNG or JPEG image");
  }
  get(org_id, app_id);  // 404 before storing anything
  const auto blob = blobs_.adopt(up.path, up.sha256);
  return db_.write([&](core::Tx& tx) {
    auto a = require_app(tx, org_id, app_id);
    a.icon = StoredFile{blob.sha256, "icon", std::string(type)};
    a.updated_ms = clock_.unix_millis();
    app_repo::set_icon(tx, a);
    // The runtime serves the icon: announced as app.updated.
    changes_.record(
        tx, actor, events::AppUpdated{org_id, app_id},
        change_entry(org_id, "app", app_id, nullptr,
                     {{"sha256", blob.sha256}, {"size", blob.size}, {"contentType", type}}, "app.icon_set"));
    return a;
  });
}

App AppService::set_certificate(const core::Actor& actor, const std::string& org_id,
                                const std::string& app_id, const Upload& up, const std::string& file_name) {
  if (up.size == 0) throw core::Error::bad_request("empty_body", "Send the certificate as the request body");
  const auto type = core::sniff_media_type(core::read_head(up.path, 16));
  if (type != core::kPng && type != core::kJpeg && type != core::kPdf) {
    throw core::Error(415, "unsupported_media_type",
                      "The certificate must be a PDF file or a PNG or JPEG image");
  }
  get(org_id, app_id);
  const auto blob = blobs_.adopt(up.path, up.sha256);
  const auto extension = type == core::kPdf ? ".pdf" : type == core::kPng ? ".png" : ".jpg";
  const StoredFile file{blob.sha256,
                        file_name.empty() ? fmt::format("audit-certificate{}", extension) : file_name,
                        std::string(type)};
  return db_.write([&](core::Tx& tx) {
    auto a = require_app(tx, org_id, app_id);
    a.certificate = file;
    a.updated_ms = clock_.unix_millis();
    app_repo::set_certificate(tx, a);
    // For reviewers only; nothing the runtime serves changed, so no event.
    changes_.record(tx, actor,
                    change_entry(org_id, "app", app_id, nullptr,
                                 {{"name", file.name}, {"sha256", blob.sha256}, {"size", blob.size}},
                                 "app.certificate_set"));
    return a;
  });
}

BlobFile AppService::blob_file(const std::optional<StoredFile>& f, const char* what) const {
  auto blob = f ? find_blob(blobs_, *f) : std::nullopt;
  if (!blob) throw core::Error::not_found("apps.no_file", fmt::format("No {} has been uploaded", what));
  return std::move(*blob);
}

BlobFile AppService::icon(const std::string& org_id, const std::string& app_id) const {
  return blob_file(get(org_id, app_id).icon, "icon");
}

BlobFile AppService::certificate(const std::string& org_id, const std::string& app_id) const {
  return blob_file(get(org_id, app_id).certificate, "audit certificate");
}

App AppService::change_status(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                              const std::function<void(App&)>& apply, const char* action) {
  return db_.write([&](core::Tx& tx) { return change_status_in(tx, actor, org_id, app_id, apply, action); });
}

App AppService::change_status_in(core::Tx& tx, const core::Actor& actor, const std::string& org_id,
                                 const std::string& app_id, const std::function<void(App&)>& apply,
                                 const char* action) {
  auto a = require_app(tx, org_id, app_id);
  const auto before = status_of(a);
  apply(a);
  a.updated_ms = clock_.unix_millis();
  app_repo::set_status(tx, a);
  changes_.record(tx, actor, events::AppStatusChanged{org_id, app_id, a.status},
                  change_entry(org_id, "app", app_id, before, status_of(a), action));
  return a;
}

App AppService::take_offline(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                             const std::string& reason) {
  return change_status(
      actor, org_id, app_id,
      [&](App& a) {
        if (a.status != "online") throw invalid_transition(a, "taken offline");
        a.status = "offline";
        a.offline_by = "org";
        a.offline_reason = reason;
      },
      "app.offline");
}

App AppService::bring_online(const core::Actor& actor, const std::string& org_id, const std::string& app_id) {
  return change_status(
      actor, org_id, app_id,
      [&](App& a) {
        if (a.offline_by == "platform") {
          throw core::Error(409, "apps.taken_down",
                            "An operator took this mini-program down; only an operator can restore it",
                            {{"reason", a.offline_reason}});
        }
        if (a.status != "offline") throw invalid_transition(a, "brought online");
        if (a.released_version_id.empty()) {
          throw core::Error(409, "apps.not_released",
                            "Release a version before bringing the mini-program online");
        }
        a.status = "online";
        a.offline_by.clear();
        a.offline_reason.clear();
      },
      "app.online");
}

App AppService::take_down(const core::Actor& actor, const std::string& app_id, const std::string& reason) {
  return db_.write([&](core::Tx& tx) { return take_down_in(tx, actor, app_id, reason); });
}

App AppService::take_down_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id,
                             const std::string& reason) {
  const auto org = app_repo::org_of(tx, app_id);
  if (!org) throw errors::not_found();
  return change_status_in(
      tx, actor, *org, app_id,
      [&](App& a) {
        if (a.offline_by == "platform") throw invalid_transition(a, "taken down again");
        a.status = "offline";
        a.offline_by = "platform";
        a.offline_reason = reason;
      },
      "app.taken_down");
}

App AppService::restore(const core::Actor& actor, const std::string& app_id) {
  return db_.write([&](core::Tx& tx) { return restore_in(tx, actor, app_id); });
}

App AppService::restore_in(core::Tx& tx, const core::Actor& actor, const std::string& app_id) {
  const auto org = app_repo::org_of(tx, app_id);
  if (!org) throw errors::not_found();
  return change_status_in(
      tx, actor, *org, app_id,
      [&](App& a) {
        if (a.offline_by != "platform") throw invalid_transition(a, "restored (it was not taken down)");
        a.status = a.released_version_id.empty() ? "draft" : "online";
        a.offline_by.clear();
        a.offline_reason.clear();
      },
      "app.restored");
}

}  // namespace cove::apps
