#include "modules/review/case_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/review/review_api.hpp"

namespace cove::review {

namespace {

core::Error invalid_transition(const ViolationCase& v, std::string_view action) {
  return core::Error(409, "cases.invalid_transition", fmt::format("A case that is {} cannot be {}", v.status, action),
                     {{"status", v.status}, {"action", action}});
}

std::string actor_name(const core::Actor& a) {
  return a.principal->name.empty() ? a.principal->id : a.principal->name;
}

nlohmann::json state_of(const ViolationCase& v) {
  return {{"status", v.status}, {"appId", v.app_id}, {"reportCount", v.report_count}};
}

}  // namespace

ViolationCase CaseService::require_case(core::Conn& c, const std::string& case_id,
                                        const std::string& org_scope) const {
  auto v = case_repo::find(c, case_id);
  // Another organisation's case is as absent as an unknown one.
  if (!v || (!org_scope.empty() && v->org_id != org_scope)) throw errors::case_not_found();
  return *v;
}

CaseFile CaseService::store(const FileUpload& f) {
  const auto info = blobs_.put(f.bytes);
  return CaseFile{.sha256 = info.sha256,
                  .name = f.name,
                  .content_type = f.content_type,
                  .size = static_cast<std::int64_t>(info.size)};
}

void CaseService::history(core::Tx& tx, const ViolationCase& v, const core::Actor& actor, std::string action,
                          nlohmann::json detail) {
  case_repo::add_history(tx, v.id,
                         {.at_ms = clock_.unix_millis(),
                          .actor_id = actor.principal->id,
                          .actor_name = actor_name(actor),
                          .action = std::move(action),
                          .detail = std::move(detail)});
}

template <class E>
void CaseService::record(core::Tx& tx, const core::Actor& actor, const ViolationCase& v, const std::string& detail,
                         nlohmann::json before, nlohmann::json after) {
  changes_.record(tx, actor, E{v.org_id, v.app_id, v.id, v.status, detail, v.report_count},
                  core::AuditEntry{.org_id = v.org_id,
                                   .action = std::string(E::kTopic),
                                   .target_type = "case",
                                   .target_id = v.id,
                                   .before = std::move(before),
                                   .after = std::move(after)});
}

ViolationReport CaseService::report(const core::Actor& actor, const std::string& app_id, const ReportInput& in) {
  // Files go to the store first (content-addressed, outside the transaction); a report that is
  // then refused leaves blobs nobody references, which the collector removes.
  std::vector<CaseFile> shots;
  for (const auto& f : in.screenshots) shots.push_back(store(f));
  return db_.write([&](core::Tx& tx) {
    const auto subject = apps_.case_subject(tx, app_id);
    if (!subject) {
      if (in.source == "runtime") throw core::Error::not_found("runtime.app_not_found", "No such mini-program");
      throw apps::errors::not_found();
    }
    if (in.source == "runtime" && !apps_.serves(tx, in.host_app_id, app_id)) {
      throw core::Error::not_found("runtime.not_associated", "This mini-program is not associated with the host app");
    }
    const auto now = clock_.unix_millis();
    auto found = case_repo::find_for_app(tx, app_id);
    const bool opened = !found || found->closed();
    ViolationCase v = found.value_or(ViolationCase{.id = core::new_id("cas"),
                                                   .org_id = subject->org_id,
                                                   .app_id = app_id,
                                                   .status = "open",
                                                   .created_ms = now});
    const auto before = found ? state_of(*found) : nlohmann::json(nullptr);
    v.app_name = subject->name;
    if (opened) {
      v.status = "open";
      v.open_reports = 0;
      v.categories = nlohmann::json::object();
      v.resolution.clear();
      v.decided_by.clear();
      v.decided_ms = 0;
    }
    v.report_count += 1;
    v.open_reports += 1;
    v.categories[in.category] = v.categories.value(in.category, std::int64_t{0}) + 1;
    v.last_report_ms = now;
    v.updated_ms = now;
    if (found)
      case_repo::update(tx, v);
    else
      case_repo::insert(tx, v);

    ViolationReport r{.id = core::new_id("rpt"),
                      .case_id = v.id,
                      .source = in.source,
                      .category = in.category,
                      .text = in.text,
                      .uid = in.uid,
                      .device_id = in.device_id,
                      .host_app_id = in.host_app_id,
                      .reporter_id = in.source == "runtime" ? std::string() : actor.principal->id,
                      .reporter_org = in.reporter_org,
                      .created_ms = now};
    for (const auto& f : shots) {
      case_repo::add_file(tx, v.id, f);
      r.screenshots.push_back(f.sha256);
    }
    case_repo::insert_report(tx, r);
    if (opened) history(tx, v, actor, found ? "reopened" : "opened");
    history(tx, v, actor, "reported", {{"reportId", r.id}, {"category", r.category}, {"source", r.source}});
    auto after = state_of(v);
    after["reportId"] = r.id;
    after["category"] = r.category;
    after["source"] = r.source;
    record<events::CaseReported>(tx, actor, v, r.category, before, after);
    return r;
  });
}

core::Page<ViolationCase> CaseService::list(const case_repo::CaseFilter& f, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return case_repo::list(c, f, page); });
}

CaseDetail CaseService::detail(const std::string& case_id, const std::string& org_scope) const {
  return db_.read([&](core::Conn& c) {
    CaseDetail d{.c = require_case(c, case_id, org_scope)};
    auto page = case_repo::reports(c, case_id, core::PageRequest{.limit = kDetailReports});
    if (page.rows.size() > static_cast<std::size_t>(kDetailReports)) page.rows.resize(kDetailReports);
    d.reports = std::move(page.rows);
    d.history = case_repo::history(c, case_id);
    d.appeals = case_repo::appeals(c, case_id);
    d.files = case_repo::files(c, case_id);
    const auto names = accounts_.org_names(c, {d.c.org_id});
    if (const auto it = names.find(d.c.org_id); it != names.end()) d.org_name = it->second;
    return d;
  });
}

core::Page<ViolationReport> CaseService::reports(const std::string& case_id, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    require_case(c, case_id, "");
    return case_repo::reports(c, case_id, page);
  });
}

std::unordered_map<std::string, std::string> CaseService::org_names(const std::vector<std::string>& ids) const {
  return db_.read([&](core::Conn& c) { return accounts_.org_names(c, ids); });
}

ViolationCase CaseService::decide(const core::Actor& actor, const std::string& case_id, const std::string& status,
                                  const std::string& text) {
  return db_.write([&](core::Tx& tx) {
    auto v = require_case(tx, case_id, "");
    const auto action = status == "dismissed" ? "dismissed" : status == "warned" ? "warned" : "taken down";
    if (v.status != "open") throw invalid_transition(v, action);
    const auto before = state_of(v);
    const auto now = clock_.unix_millis();
    if (status == "taken_down") {
      // The apps module's takedown: its own log entry and app.status_changed event, same transaction.
      apps_.take_down_in(tx, actor, v.app_id, text);
      v.takedowns += 1;
    }
    v.status = status;
    v.resolution = text;
    v.decided_by = actor.principal->id;
    v.decided_ms = now;
    v.updated_ms = now;
    case_repo::update(tx, v);
    auto after = state_of(v);
    after["resolution"] = text;
    if (status == "dismissed") {
      history(tx, v, actor, "dismissed", {{"note", text}});
      record<events::CaseDismissed>(tx, actor, v, text, before, after);
    } else if (status == "warned") {
      history(tx, v, actor, "warned", {{"message", text}});
      record<events::CaseWarned>(tx, actor, v, text, before, after);
    } else {
      history(tx, v, actor, "taken_down", {{"reason", text}});
      record<events::CaseTakenDown>(tx, actor, v, text, before, after);
    }
    return v;
  });
}

ViolationCase CaseService::dismiss(const core::Actor& actor, const std::string& case_id, const std::string& note) {
  return decide(actor, case_id, "dismissed", note);
}

ViolationCase CaseService::warn(const core::Actor& actor, const std::string& case_id, const std::string& message) {
  return decide(actor, case_id, "warned", message);
}

ViolationCase CaseService::take_down(const core::Actor& actor, const std::string& case_id,
                                     const std::string& reason) {
  return decide(actor, case_id, "taken_down", reason);
}

Appeal CaseService::appeal(const core::Actor& actor, const std::string& org_id, const std::string& case_id,
                           const std::string& text, const std::vector<FileUpload>& files) {
  // Refusals are checked before the files are stored, so a refused appeal stores nothing.
  db_.read([&](core::Conn& c) {
    const auto v = require_case(c, case_id, org_id);
    if (v.status != "taken_down") {
      throw core::Error(409, "cases.not_taken_down", "Only a takedown can be appealed", {{"status", v.status}});
    }
    if (const auto a = case_repo::appeal_for(c, case_id, v.takedowns)) {
      throw core::Error(409, "cases.appeal_exists", "This takedown has been appealed already",
                        {{"appealId", a->id}, {"status", a->status}});
    }
  });
  std::vector<CaseFile> stored;
  for (const auto& f : files) stored.push_back(store(f));
  return db_.write([&](core::Tx& tx) {
    auto v = require_case(tx, case_id, org_id);
    if (v.status != "taken_down") {
      throw core::Error(409, "cases.not_taken_down", "Only a takedown can be appealed", {{"status", v.status}});
    }
    if (const auto a = case_repo::appeal_for(tx, case_id, v.takedowns)) {
      throw core::Error(409, "cases.appeal_exists", "This takedown has been appealed already",
                        {{"appealId", a->id}, {"status", a->status}});
    }
    const auto now = clock_.unix_millis();
    Appeal a{.id = core::new_id("apl"),
             .case_id = case_id,
             .takedown = v.takedowns,
             .status = "pending",
             .text = text,
             .filed_by = actor.principal->id,
             .created_ms = now};
    for (const auto& f : stored) {
      case_repo::add_file(tx, case_id, f);
      a.attachments.push_back(f.sha256);
    }
    case_repo::insert_appeal(tx, a);
    v.updated_ms = now;
    case_repo::update(tx, v);
    history(tx, v, actor, "appealed", {{"appealId", a.id}, {"attachments", a.attachments.size()}});
    record<events::CaseAppealed>(tx, actor, v, text, nullptr,
                                 {{"appealId", a.id}, {"attachments", a.attachments.size()}});
    return a;
  });
}

ViolationCase CaseService::decide_appeal(const core::Actor& actor, const std::string& case_id, bool restore,
                                         const std::string& note) {
  return db_.write([&](core::Tx& tx) {
    auto v = require_case(tx, case_id, "");
    auto a = v.status == "taken_down" ? case_repo::appeal_for(tx, case_id, v.takedowns) : std::nullopt;
    if (!a || a->status != "pending") {
      throw core::Error(409, "cases.no_pending_appeal", "This case has no appeal waiting for a decision",
                        {{"status", v.status}});
    }
    const auto before = state_of(v);
    const auto now = clock_.unix_millis();
    a->status = restore ? "restored" : "upheld";
    a->decided_by = actor.principal->id;
    a->decision = note;
    a->decided_ms = now;
    case_repo::update_appeal(tx, *a);
    if (restore) {
      // An operator may have restored it on the mini-program's page meanwhile: nothing to lift then.
      const auto subject = apps_.case_subject(tx, v.app_id);
      if (subject && subject->offline_by == "platform") apps_.restore_in(tx, actor, v.app_id);
      v.status = "restored";
      v.resolution = note;
      v.decided_by = actor.principal->id;
      v.decided_ms = now;
    }
    v.updated_ms = now;
    case_repo::update(tx, v);
    auto after = state_of(v);
    after["appealId"] = a->id;
    after["appeal"] = a->status;
    after["note"] = note;
    history(tx, v, actor, restore ? "restored" : "appeal_upheld", {{"appealId", a->id}, {"note", note}});
    if (restore)
      record<events::CaseRestored>(tx, actor, v, note, before, after);
    else
      record<events::CaseAppealUpheld>(tx, actor, v, note, before, after);
    return v;
  });
}

ViolationCase CaseService::uphold(const core::Actor& actor, const std::string& case_id, const std::string& note) {
  return decide_appeal(actor, case_id, false, note);
}

ViolationCase CaseService::restore(const core::Actor& actor, const std::string& case_id, const std::string& note) {
  return decide_appeal(actor, case_id, true, note);
}

std::pair<CaseFile, std::filesystem::path> CaseService::file(const std::string& case_id, const std::string& org_scope,
                                                             const std::string& sha256) const {
  const auto f = db_.read([&](core::Conn& c) {
    require_case(c, case_id, org_scope);
    return core::BlobStore::valid_hash(sha256) ? case_repo::file(c, case_id, sha256) : std::nullopt;
  });
  const auto path = f ? blobs_.path_of(f->sha256) : std::nullopt;
  if (!f || !path || !std::filesystem::exists(*path))
    throw core::Error::not_found("cases.file_not_found", "No such file in this case");
  return {*f, *path};
}

}  // namespace cove::review
