#include "modules/review/review_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "modules/review/precheck.hpp"
#include "modules/review/precheck_scan.hpp"
#include "modules/review/review_api.hpp"

namespace cove::review {

namespace {

// How long one run of the pre-checks may hold a submitted review before the background job
// takes it over (the server stopped in the middle).
constexpr std::int64_t kChecksLeaseMs = 5 * 60 * 1000;
constexpr std::size_t kMaxReasonChars = 500;

core::Error invalid_transition(const Review& r, std::string_view action) {
  return core::Error(409, "review.invalid_transition", fmt::format("A review that is {} cannot be {}", r.status, action),
                     {{"status", r.status}, {"action", action}});
}

template <class E>
E event_of(const Review& r) {
  return E{r.org_id, r.app_id, r.id, r.version_id, r.version, r.status};
}

nlohmann::json state_of(const Review& r) {
  return {{"status", r.status}, {"appId", r.app_id}, {"version", r.version}};
}

std::string actor_name(const core::Actor& a) {
  return a.principal->name.empty() ? a.principal->id : a.principal->name;
}

}  // namespace

Review ReviewService::require_review(core::Conn& c, const std::string& review_id) const {
  auto r = review_repo::find(c, review_id);
  if (!r) throw errors::review_not_found();
  return *r;
}

void ReviewService::history(core::Tx& tx, const Review& r, const core::Actor& actor, std::string action,
                            nlohmann::json detail) {
  review_repo::add_history(tx, r.id,
                           {.at_ms = clock_.unix_millis(),
                            .actor_id = actor.principal->id,
                            .actor_name = actor_name(actor),
                            .action = std::move(action),
                            .detail = std::move(detail)});
}

void ReviewService::log(core::Tx& tx, const core::Actor& actor, const Review& r, std::string action,
                        nlohmann::json before, nlohmann::json after) {
  core::AuditEntry entry{.org_id = r.org_id,
                         .action = std::move(action),
                         .target_type = "review",
                         .target_id = r.id,
                         .before = std::move(before),
                         .after = std::move(after)};
  const auto& a = entry.action;
  if (a == events::kReviewSubmitted) {
    changes_.record(tx, actor, event_of<events::ReviewSubmitted>(r), std::move(entry));
  } else if (a == events::kReviewApproved) {
    changes_.record(tx, actor, event_of<events::ReviewApproved>(r), std::move(entry));
  } else if (a == events::kReviewWithdrawn) {
    changes_.record(tx, actor, event_of<events::ReviewWithdrawn>(r), std::move(entry));
  } else if (a == "review.rejected") {
    changes_.record(tx, actor,
                    events::ReviewRejected{r.org_id, r.app_id, r.id, r.version_id, r.version, r.reason_category,
                                           r.reason, r.decided_by == "system"},
                    std::move(entry));
  } else {
    changes_.record(tx, actor, entry);  // claims and pre-check outcomes: nobody else reacts
  }
}

Review ReviewService::submit(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                             const std::string& version, const Submission& s) {
  return db_.write([&](core::Tx& tx) {
    const auto target = apps_.review_target(tx, org_id, app_id, version);
    if (!target) {
      if (!apps_.app_exists(tx, org_id, app_id)) throw apps::errors::not_found();
      throw apps::errors::version_not_found();
    }
    if (const auto open = review_repo::open_for_app(tx, org_id, app_id)) {
      throw core::Error(409, "review.already_open",
                        fmt::format("Version {} of this mini-program is under review; withdraw it or wait for the "
                                    "decision",
                                    open->version),
                        {{"reviewId", open->id}, {"version", open->version}});
    }
    if (target->status != "uploaded" && target->status != "rejected") {
      throw core::Error(409, "review.not_submittable",
                        fmt::format("A version that is {} cannot be submitted for review", target->status),
                        {{"status", target->status}});
    }
    const auto now = clock_.unix_millis();
    Review r{.id = core::new_id("rev"),
             .org_id = org_id,
             .app_id = app_id,
             .app_name = target->app_name,
             .version_id = target->version_id,
             .version = target->version,
             .status = "submitted",
             .notes = s.notes,
             .test_account = s.test_account,
             .expedite = s.expedite,
             .release_on_approval = s.release_on_approval,
             .submitted_by = actor.principal->id,
             .checks_lease_ms = now + kChecksLeaseMs,
             .created_ms = now,
             .updated_ms = now};
    review_repo::insert(tx, r);
    apps_.set_review_status(tx, org_id, r.version_id, "in_review", now);
    history(tx, r, actor, "submitted",
            {{"notes", r.notes}, {"expedite", r.expedite}, {"releaseOnApproval", r.release_on_approval}});
    log(tx, actor, r, std::string(events::kReviewSubmitted), {{"versionStatus", target->status}},
        {{"status", r.status}, {"appId", app_id}, {"version", r.version}, {"expedite", r.expedite}});
    return r;
  });
}

Review ReviewService::run_prechecks(const std::string& review_id) {
  const auto [r, sha, settings] = db_.read([&](core::Conn& c) {
    auto found = require_review(c, review_id);
    const auto target = apps_.review_target(c, found.org_id, found.app_id, found.version);
    return std::tuple{found, target ? target->package_sha256 : std::string(), policy_repo::settings(c)};
  });
  if (r.status != "submitted") return r;
  std::vector<CheckResult> results;
  const auto path = blobs_.path_of(sha);
  if (!path || !std::filesystem::exists(*path)) {
    results.push_back({.name = "structure", .result = "fail", .summary = "The package file is missing"});
  } else {
    results = run_prechecks_on(*path, settings);
  }
  const auto system = core::Actor::system("review.prechecks");
  return db_.write([&](core::Tx& tx) {
    auto cur = require_review(tx, review_id);
    if (cur.status != "submitted") return cur;  // withdrawn while the checks ran: nothing to record
    review_repo::replace_checks(tx, cur.id, results);
    const auto counts = check_counts(results);
    const auto now = clock_.unix_millis();
    cur.checks_lease_ms = 0;
    cur.updated_ms = now;
    if (counts["fail"].get<int>() > 0) {
      std::vector<std::string> failed;
      for (const auto& c : results) {
        if (c.result == "fail") failed.push_back(c.name + ": " + c.summary);
      }
      auto reason = fmt::format("Automated pre-checks failed — {}", fmt::join(failed, "; "));
      if (core::utf8_length(reason) > kMaxReasonChars) reason = reason.substr(0, 480) + "…";
      cur.status = "rejected";
      cur.decided_by = "system";
      cur.decided_ms = now;
      cur.reason_category = "precheck";
      cur.reason = valid_utf8(reason);
      review_repo::update(tx, cur);
      apps_.set_review_status(tx, cur.org_id, cur.version_id, "rejected", now);
      history(tx, cur, system, "prechecked", {{"counts", counts}});
      history(tx, cur, system, "rejected", {{"reasonCategory", cur.reason_category}, {"reason", cur.reason}});
      log(tx, system, cur, "review.rejected", {{"status", "submitted"}},
          {{"status", cur.status}, {"checks", counts}, {"automatic", true}});
    } else {
      cur.status = "in_review";
      review_repo::update(tx, cur);
      history(tx, cur, system, "prechecked", {{"counts", counts}});
      log(tx, system, cur, "review.prechecked", {{"status", "submitted"}}, {{"status", cur.status}, {"checks", counts}});
    }
    return cur;
  });
}

std::vector<CheckResult> ReviewService::run_prechecks_on(const std::filesystem::path& path,
                                                         const ReviewSettings& settings) {
  return review::run_prechecks(path, PrecheckOptions{.max_files = settings.max_files,
                                             .max_unpacked_bytes = settings.max_unpacked_bytes,
                                             .keywords = settings.keywords});
}

void ReviewService::run_pending() {
  const auto now = clock_.unix_millis();
  const auto pending = db_.read([&](core::Conn& c) { return review_repo::awaiting_checks(c, now, 5); });
  for (const auto& p : pending) {
    // Take the lease first, so a second runner (or the submitting request) does not run them too.
    const bool taken = db_.write([&](core::Tx& tx) {
      auto cur = review_repo::find(tx, p.id);
      if (!cur || cur->status != "submitted" || cur->checks_lease_ms >= now) return false;
      cur->checks_lease_ms = now + kChecksLeaseMs;
      review_repo::update(tx, *cur);
      return true;
    });
    if (!taken) continue;
    try {
      run_prechecks(p.id);
    } catch (const std::exception& e) {
      core::log::error("review pre-checks failed", {{"reviewId", p.id}, {"error", e.what()}});
    }
  }
}

Review ReviewService::withdraw(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                               const std::string& version) {
  return db_.write([&](core::Tx& tx) {
    const auto target = apps_.review_target(tx, org_id, app_id, version);
    if (!target) {
      if (!apps_.app_exists(tx, org_id, app_id)) throw apps::errors::not_found();
      throw apps::errors::version_not_found();
    }
    auto open = review_repo::open_for_app(tx, org_id, app_id);
    if (!open || open->version_id != target->version_id) {
      throw core::Error(409, "review.not_open", "This version has no review waiting for a decision",
                        {{"status", target->status}});
    }
    auto r = *open;
    const auto before = state_of(r);
    const auto now = clock_.unix_millis();
    r.status = "withdrawn";
    r.claimed_by.clear();
    r.claimed_by_name.clear();
    r.claim_expires_ms = 0;
    r.checks_lease_ms = 0;
    r.updated_ms = now;
    review_repo::update(tx, r);
    apps_.set_review_status(tx, org_id, r.version_id, "uploaded", now);
    history(tx, r, actor, "withdrawn");
    log(tx, actor, r, std::string(events::kReviewWithdrawn), before, state_of(r));
    return r;
  });
}

Review ReviewService::claim(const core::Actor& actor, const std::string& review_id) {
  return db_.write([&](core::Tx& tx) {
    auto r = require_review(tx, review_id);
    if (r.status != "in_review") throw invalid_transition(r, "claimed");
    const auto now = clock_.unix_millis();
    if (r.claimed_by_other(actor.principal->id, now)) {
      throw core::Error(409, "review.claimed", fmt::format("{} is working on this review", r.claimed_by_name),
                        {{"claimedBy", r.claimed_by},
                         {"name", r.claimed_by_name},
                         {"expiresAt", core::format_rfc3339_millis(r.claim_expires_ms)}});
    }
    const auto minutes = policy_repo::settings(tx).claim_minutes;
    r.claimed_by = actor.principal->id;
    r.claimed_by_name = actor_name(actor);
    r.claim_expires_ms = now + minutes * 60 * 1000;
    r.updated_ms = now;
    review_repo::update(tx, r);
    history(tx, r, actor, "claimed", {{"expiresAt", core::format_rfc3339_millis(r.claim_expires_ms)}});
    log(tx, actor, r, "review.claimed", nullptr,
        {{"claimedBy", r.claimed_by}, {"expiresAt", core::format_rfc3339_millis(r.claim_expires_ms)}});
    return r;
  });
}

Review ReviewService::approve(const core::Actor& actor, const std::string& review_id) {
  return db_.write([&](core::Tx& tx) {
    auto r = require_review(tx, review_id);
    if (r.status != "in_review") throw invalid_transition(r, "approved");
    const auto now = clock_.unix_millis();
    if (r.claimed_by_other(actor.principal->id, now)) {
      throw core::Error(409, "review.claimed", fmt::format("{} is working on this review", r.claimed_by_name),
                        {{"claimedBy", r.claimed_by}, {"name", r.claimed_by_name}});
    }
    const auto before = state_of(r);
    r.status = "approved";
    r.decided_by = actor.principal->id;
    r.decided_ms = now;
    r.claim_expires_ms = 0;
    r.updated_ms = now;
    review_repo::update(tx, r);
    apps_.set_review_status(tx, r.org_id, r.version_id, "approved", now);
    history(tx, r, actor, "approved");
    log(tx, actor, r, std::string(events::kReviewApproved), before, state_of(r));
    if (r.release_on_approval) {
      // Release refusals are all decided before the release writes anything, so a refused
      // release leaves the approval standing (the organisation can release later).
      try {
        apps_.release_in(tx, actor, r.org_id, r.app_id, r.version);
        history(tx, r, actor, "released");
      } catch (const core::Error& e) {
        history(tx, r, actor, "release_failed", {{"code", e.code()}, {"message", e.what()}});
      }
    }
    return r;
  });
}

Review ReviewService::reject(const core::Actor& actor, const std::string& review_id, const std::string& category,
                             const std::string& reason, const std::vector<FileUpload>& screenshots) {
  // Stored before the transaction (content-addressed); a refused rejection leaves blobs nobody
  // references, which the collector removes.
  std::vector<CaseFile> stored;
  for (const auto& f : screenshots) {
    const auto info = blobs_.put(f.bytes);
    stored.push_back({info.sha256, f.name, f.content_type, static_cast<std::int64_t>(info.size)});
  }
  return db_.write([&](core::Tx& tx) {
    auto r = require_review(tx, review_id);
    if (r.status != "in_review") throw invalid_transition(r, "rejected");
    const auto now = clock_.unix_millis();
    if (r.claimed_by_other(actor.principal->id, now)) {
      throw core::Error(409, "review.claimed", fmt::format("{} is working on this review", r.claimed_by_name),
                        {{"claimedBy", r.claimed_by}, {"name", r.claimed_by_name}});
    }
    const auto before = state_of(r);
    r.status = "rejected";
    r.decided_by = actor.principal->id;
    r.decided_ms = now;
    r.reason_category = category;
    r.reason = reason;
    r.claim_expires_ms = 0;
    r.updated_ms = now;
    review_repo::update(tx, r);
    apps_.set_review_status(tx, r.org_id, r.version_id, "rejected", now);
    auto shots = nlohmann::json::array();
    for (const auto& f : stored) {
      review_repo::add_file(tx, r.id, f);
      shots.push_back(f.sha256);
    }
    history(tx, r, actor, "rejected", {{"reasonCategory", category}, {"reason", reason}, {"screenshots", shots}});
    auto after = state_of(r);
    if (!stored.empty()) after["screenshots"] = shots.size();
    after["reasonCategory"] = category;
    after["reason"] = reason;
    log(tx, actor, r, "review.rejected", before, after);
    return r;
  });
}

core::Page<Review> ReviewService::list_for_app(const std::string& org_id, const std::string& app_id,
                                               const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
    return review_repo::list_for_app(c, org_id, app_id, page);
  });
}

std::vector<CheckResult> ReviewService::checks(const std::string& review_id) const {
  return db_.read([&](core::Conn& c) { return review_repo::checks(c, review_id); });
}

std::vector<CaseFile> ReviewService::files(const std::string& review_id) const {
  return db_.read([&](core::Conn& c) { return review_repo::files(c, review_id); });
}

std::pair<CaseFile, std::filesystem::path> ReviewService::file(const std::string& review_id,
                                                               const std::string& org_id,
                                                               const std::string& sha256) const {
  const auto found = db_.read([&](core::Conn& c) {
    const auto r = org_id.empty() ? review_repo::find(c, review_id) : review_repo::find_in_org(c, org_id, review_id);
    if (!r) throw errors::review_not_found();
    std::optional<CaseFile> f;
    for (auto& candidate : review_repo::files(c, review_id)) {
      if (candidate.sha256 == sha256) f = std::move(candidate);
    }
    return f;
  });
  const auto path = found ? blobs_.path_of(found->sha256) : std::nullopt;
  if (!found || !path || !std::filesystem::exists(*path))
    throw core::Error::not_found("review.file_not_found", "No such screenshot in this review");
  return {*found, *path};
}

core::Page<Review> ReviewService::queue(const review_repo::QueueFilter& f, const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return review_repo::queue(c, f, page); });
}

std::unordered_map<std::string, std::string> ReviewService::org_names(const std::vector<std::string>& ids) const {
  return db_.read([&](core::Conn& c) { return accounts_.org_names(c, ids); });
}

ReviewDetail ReviewService::detail(const std::string& review_id) const {
  auto d = db_.read([&](core::Conn& c) {
    ReviewDetail out{.review = require_review(c, review_id)};
    out.checks = review_repo::checks(c, review_id);
    out.history = review_repo::history(c, review_id);
    out.files = review_repo::files(c, review_id);
    if (const auto t = apps_.review_target(c, out.review.org_id, out.review.app_id, out.review.version))
      out.released_version = t->released_version;
    const auto names = accounts_.org_names(c, {out.review.org_id});
    if (const auto it = names.find(out.review.org_id); it != names.end()) out.org_name = it->second;
    return out;
  });
  if (!d.released_version.empty() && d.released_version != d.review.version) {
    try {
      d.diff = apps_.compare(d.review.org_id, d.review.app_id, d.released_version, d.review.version);
    } catch (const core::Error&) {
      d.diff = nullptr;  // a version deleted meanwhile: no diff to show
    }
  }
  return d;
}

ReviewSettings ReviewService::settings() const {
  return db_.read([&](core::Conn& c) { return policy_repo::settings(c); });
}

ReviewSettings ReviewService::update_settings(const core::Actor& actor, const ReviewSettings& s) {
  return db_.write([&](core::Tx& tx) {
    const auto before = policy_repo::settings(tx);
    if (before == s) return before;
    policy_repo::save_settings(tx, s, clock_.unix_millis());
    changes_.record(tx, actor, events::ReviewSettingsUpdated{s.required},
                    core::AuditEntry{.org_id = "",
                                     .action = "review.settings_updated",
                                     .target_type = "review_settings",
                                     .target_id = "platform",
                                     .before = to_json(before),
                                     .after = to_json(s)});
    return s;
  });
}

PolicyView ReviewService::policy(const std::string& org_id) const {
  return db_.read([&](core::Conn& c) {
    PolicyView v;
    v.platform_required = policy_repo::settings(c).required;
    v.org_override = policy_repo::org_override(c, org_id);
    v.required = v.org_override.value_or(v.platform_required);
    return v;
  });
}

PolicyView ReviewService::set_org_policy(const core::Actor& actor, const std::string& org_id,
                                         std::optional<bool> required) {
  db_.write([&](core::Tx& tx) {
    if (accounts_.org_names(tx, {org_id}).empty()) throw accounts::errors::org_not_found();
    const auto before = policy_repo::org_override(tx, org_id);
    if (before == required) return;
    policy_repo::set_org_override(tx, org_id, required, clock_.unix_millis());
    const auto as_json = [](std::optional<bool> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    changes_.record(tx, actor,
                    core::AuditEntry{.org_id = org_id,
                                     .action = "review.org_policy_set",
                                     .target_type = "org",
                                     .target_id = org_id,
                                     .before = {{"required", as_json(before)}},
                                     .after = {{"required", as_json(required)}}});
  });
  return policy(org_id);
}

}  // namespace cove::review
