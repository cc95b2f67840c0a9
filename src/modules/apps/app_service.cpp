#include "modules/apps/app_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/apps/apps_api.hpp"
#include "core/ids.hpp"
#include "core/media_type.hpp"

namespace cove::apps {

namespace {

core::Error app_not_found() { return core::Error::not_found("apps.not_found", "No such mini-program"); }

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
  a.created_ms = a.updated_ms = ctx_.app.clock.unix_millis();
  ctx_.app.db.write([&](core::Tx& tx) {
    ctx_.accounts.quotas().ensure(tx, org_id, quotas::kMaxApps, app_repo::count_in_org(tx, org_id));
    app_repo::insert(tx, a);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "app.created",
                           .target_type = "app",
                           .target_id = a.id,
                           .after = summary_of(a)});
    ctx_.app.events.emit(tx, "app.created", {{"orgId", org_id}, {"appId", a.id}});
  });
  return a;
}

App AppService::get(const std::string& org_id, const std::string& app_id) const {
  auto a = ctx_.app.db.read([&](core::Conn& c) { return app_repo::find(c, org_id, app_id); });
  if (!a) throw app_not_found();
  return *a;
}

App AppService::update(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                       const AppFields& f) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto a = app_repo::find(tx, org_id, app_id);
    if (!a) throw app_not_found();
    const App stored = *a;
    apply_fields(*a, f);
    // The whole row, not a summary: a summary that leaves a field out drops edits of it.
    if (*a == stored) return stored;
    a->updated_ms = ctx_.app.clock.unix_millis();
    app_repo::update_fields(tx, *a);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "app.updated",
                           .target_type = "app",
                           .target_id = app_id,
                           .before = summary_of(stored),
                           .after = summary_of(*a)});
    ctx_.app.events.emit(tx, "app.updated", {{"orgId", org_id}, {"appId", app_id}});
    return *app_repo::find(tx, org_id, app_id);  // answer with what was stored
  });
}

void AppService::remove(const core::Actor& actor, const std::string& org_id, const std::string& app_id) {
  ctx_.app.db.write([&](core::Tx& tx) {
    auto a = app_repo::find(tx, org_id, app_id);
    if (!a) throw app_not_found();
    if (a->status == "online") {
      throw core::Error(409, "apps.online", "Take the mini-program offline before deleting it",
                        {{"status", a->status}});
    }
    app_repo::remove(tx, org_id, app_id);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "app.deleted",
                           .target_type = "app",
                           .target_id = app_id,
                           .before = summary_of(*a)});
    ctx_.app.events.emit(tx, "app.deleted", {{"orgId", org_id}, {"appId", app_id}});
  });
}

std::vector<App> AppService::list(const app_repo::AppFilter& filter,
                                  const core::PageRequest& page) const {
  return ctx_.app.db.read([&](core::Conn& c) { return app_repo::list(c, filter, page); });
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
  const auto blob = ctx_.app.blobs.adopt(up.path, up.sha256);
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto a = app_repo::find(tx, org_id, app_id);
    if (!a) throw app_not_found();
    a->icon = StoredFile{blob.sha256, "icon", std::string(type)};
    a->updated_ms = ctx_.app.clock.unix_millis();
    app_repo::set_icon(tx, *a);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "app.icon_set",
                           .target_type = "app",
                           .target_id = app_id,
                           .after = {{"sha256", blob.sha256}, {"size", blob.size}, {"contentType", type}}});
    ctx_.app.events.emit(tx, "app.updated", {{"orgId", org_id}, {"appId", app_id}});
    return *a;
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
  const auto blob = ctx_.app.blobs.adopt(up.path, up.sha256);
  const auto extension = type == core::kPdf ? ".pdf" : type == core::kPng ? ".png" : ".jpg";
  const StoredFile file{blob.sha256,
                        file_name.empty() ? fmt::format("audit-certificate{}", extension) : file_name,
                        std::string(type)};
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto a = app_repo::find(tx, org_id, app_id);
    if (!a) throw app_not_found();
    a->certificate = file;
    a->updated_ms = ctx_.app.clock.unix_millis();
    app_repo::set_certificate(tx, *a);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = "app.certificate_set",
                           .target_type = "app",
                           .target_id = app_id,
                           .after = {{"name", file.name}, {"sha256", blob.sha256}, {"size", blob.size}}});
    return *a;
  });
}

BlobFile AppService::blob_file(const std::optional<StoredFile>& f, const char* what) const {
  const auto path = f ? ctx_.app.blobs.path_of(f->sha256) : std::nullopt;
  const auto size = f ? ctx_.app.blobs.size(f->sha256) : std::nullopt;
  if (!path || !size)
    throw core::Error::not_found("apps.no_file", fmt::format("No {} has been uploaded", what));
  return {*f, *path, *size};
}

BlobFile AppService::icon(const std::string& org_id, const std::string& app_id) const {
  return blob_file(get(org_id, app_id).icon, "icon");
}

BlobFile AppService::certificate(const std::string& org_id, const std::string& app_id) const {
  return blob_file(get(org_id, app_id).certificate, "audit certificate");
}

App AppService::change_status(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                              const std::function<void(App&)>& apply, const char* action) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto a = app_repo::find(tx, org_id, app_id);
    if (!a) throw app_not_found();
    const auto before = status_of(*a);
    apply(*a);
    a->updated_ms = ctx_.app.clock.unix_millis();
    app_repo::set_status(tx, *a);
    ctx_.app.audit.record(tx, actor,
                          {.org_id = org_id,
                           .action = action,
                           .target_type = "app",
                           .target_id = app_id,
                           .before = before,
                           .after = status_of(*a)});
    ctx_.app.events.emit(tx, "app.status_changed",
                         {{"orgId", org_id}, {"appId", app_id}, {"status", a->status}});
    return *a;
  });
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

std::string AppService::org_of(const std::string& app_id) const {
  auto org = ctx_.app.db.read([&](core::Conn& c) { return app_repo::org_of(c, app_id); });
  if (!org) throw app_not_found();
  return *org;
}

App AppService::take_down(const core::Actor& actor, const std::string& app_id, const std::string& reason) {
  return change_status(
      actor, org_of(app_id), app_id,
      [&](App& a) {
        if (a.offline_by == "platform") throw invalid_transition(a, "taken down again");
        a.status = "offline";
        a.offline_by = "platform";
        a.offline_reason = reason;
      },
      "app.taken_down");
}

App AppService::restore(const core::Actor& actor, const std::string& app_id) {
  return change_status(
      actor, org_of(app_id), app_id,
      [&](App& a) {
        if (a.offline_by != "platform") throw invalid_transition(a, "restored (it was not taken down)");
        a.status = a.released_version_id.empty() ? "draft" : "online";
        a.offline_by.clear();
        a.offline_reason.clear();
      },
      "app.restored");
}

}  // namespace cove::apps
