#include "modules/gray/plan_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/gray/plan_repo.hpp"
#include "modules/gray/plan_schedule.hpp"
#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

namespace {

core::Error plan_not_found() { return core::Error::not_found("gray.plan_not_found", "No such gray plan"); }

// The payload every plan event carries.
template <class E>
E event_of(const Plan& p) {
  const auto pct = current_percentage(p);
  return {p.org_id, p.app_id, p.id, p.version, p.status, pct ? nlohmann::json(*pct) : nlohmann::json(nullptr)};
}

// The operation-log entry of a plan change, and its event, together.
template <class E>
void record(core::ChangeLog& changes, core::Tx& tx, const core::Actor& actor, const Plan& p, core::AuditEntry entry) {
  entry.org_id = p.org_id;
  entry.target_type = "gray_plan";
  entry.target_id = p.id;
  changes.record(tx, actor, event_of<E>(p), std::move(entry));
}

nlohmann::json summary_of(const Plan& p) {
  return {{"status", p.status},     {"version", p.version}, {"name", p.name},
          {"priority", p.priority}, {"rule", p.rule},       {"steps", steps_json(p.steps)}};
}

// Every UID list a rule names must be a list of the plan's organisation.
void check_lists(core::Conn& c, const std::string& org_id, const nlohmann::json& rule) {
  core::FieldErrors errors;
  const auto& groups = rule.at("groups");
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const auto it = groups[g].find("uidLists");
    if (it == groups[g].end()) continue;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto id = (*it)[i].get<std::string>();
      if (uid_list_repo::existing(c, org_id, {id}).empty()) {
        errors.add(fmt::format("rule.groups[{}].uidLists[{}]", g, i), "unknown_list",
                   "No UID list of this organisation has this id");
      }
    }
  }
  errors.throw_if_any();
}

// The version must still be one a gray release may serve.
void check_candidate(const std::optional<apps::GrayCandidate>& v) {
  if (!v) throw apps::errors::version_not_found();
  if (!v->releasable) {
    throw core::Error(409, "gray.version_not_releasable",
                      fmt::format("A version that is {} cannot be gray-released", v->status),
                      {{"status", v->status}});
  }
  if (!v->newer_than_released) {
    throw core::Error(409, "gray.version_not_newer",
                      fmt::format("{} is not newer than the released {}", v->version, v->released_version),
                      {{"released", v->released_version}});
  }
}

core::Error invalid_transition(const Plan& p, PlanAction a) {
  return core::Error(409, "gray.invalid_transition",
                     fmt::format("A {} plan cannot {}", p.status, action_name(a)),
                     {{"status", p.status}, {"action", action_name(a)}});
}

// One operation-log entry per step that took effect, steps [from, to) of the plan's schedule.
void record_steps(core::ChangeLog& changes, core::Tx& tx, const core::Actor& actor, const Plan& p, int from,
                  int to) {
  for (int i = from; i < to; ++i) {
    changes.record(
        tx, actor,
        {.org_id = p.org_id,
         .action = "gray_plan.step_applied",
         .target_type = "gray_plan",
         .target_id = p.id,
         .after = {{"step", i + 1}, {"percentage", p.steps[static_cast<std::size_t>(i)].percentage}}});
  }
}

}  // namespace

std::string_view action_name(PlanAction a) {
  switch (a) {
    case PlanAction::kStart: return "start";
    case PlanAction::kPause: return "pause";
    case PlanAction::kResume: return "resume";
    case PlanAction::kComplete: return "complete";
    case PlanAction::kRollback: return "rollback";
  }
  return "";
}

Plan PlanService::create(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                         const PlanFields& fields) {
  Plan p;
  p.id = core::new_id("gpl");
  p.org_id = org_id;
  p.app_id = app_id;
  p.name = fields.name.value_or("");
  p.rule = fields.rule.value_or(nlohmann::json::object());
  p.priority = fields.priority.value_or(kDefaultPriority);
  p.steps = fields.steps.value_or(std::vector<PlanStep>{});
  p.created_by = actor.principal->id;
  p.created_ms = p.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (!apps_.app_exists(tx, org_id, app_id)) throw apps::errors::not_found();
    check_lists(tx, org_id, p.rule);
    const auto v = apps_.gray_candidate(tx, org_id, app_id, fields.version.value_or(""));
    check_candidate(v);
    if (const auto other = plan_repo::unfinished_for_version(tx, v->version_id)) {
      throw core::Error(409, "gray.plan_exists", "This version already has a gray plan that is not finished",
                        {{"planId", *other}});
    }
    p.version_id = v->version_id;
    p.version = v->version;
    plan_repo::insert(tx, p);
    record<events::PlanCreated>(changes_, tx, actor, p, {.after = summary_of(p)});
  });
  return p;
}

Plan PlanService::get(const std::string& org_id, const std::string& plan_id) const {
  auto p = db_.read([&](core::Conn& c) { return plan_repo::find(c, org_id, plan_id); });
  if (!p) throw plan_not_found();
  return *p;
}

core::Page<Plan> PlanService::list(const std::string& org_id, const std::string& app_id,
                                    const std::optional<std::string>& status,
                                    const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) {
    if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
    return plan_repo::list(c, org_id, app_id, status, page);
  });
}

Plan PlanService::update(const core::Actor& actor, const std::string& org_id, const std::string& plan_id,
                         const PlanFields& fields) {
  return db_.write([&](core::Tx& tx) {
    auto p = plan_repo::find(tx, org_id, plan_id);
    if (!p) throw plan_not_found();
    if (finished(*p)) {
      throw core::Error(409, "gray.plan_finished", "A finished plan cannot be changed",
                        {{"status", p->status}});
    }
    const Plan stored = *p;
    if (fields.name) p->name = *fields.name;
    if (fields.rule) {
      check_lists(tx, org_id, *fields.rule);
      p->rule = *fields.rule;
    }
    if (fields.priority) p->priority = *fields.priority;
    const auto now = clock_.unix_millis();
    if (fields.steps && *fields.steps != p->steps) {
      p->steps = *fields.steps;
      // A new schedule starts over: in a running plan every step already due applies at once.
      p->applied_steps = p->status == "running" ? due_steps(p->steps, 0, now) : 0;
    }
    if (*p == stored) return stored;  // the whole row: nothing changed, nothing to record
    p->updated_ms = now;
    plan_repo::update(tx, *p);
    record<events::PlanUpdated>(changes_, tx, actor, *p, {.before = summary_of(stored), .after = summary_of(*p)});
    return *plan_repo::find(tx, org_id, plan_id);  // answer with what was stored
  });
}

void PlanService::remove(const core::Actor& actor, const std::string& org_id, const std::string& plan_id) {
  db_.write([&](core::Tx& tx) {
    auto p = plan_repo::find(tx, org_id, plan_id);
    if (!p) throw plan_not_found();
    if (p->status != "draft") {
      throw core::Error(409, "gray.plan_not_draft",
                        "Only a draft plan can be deleted; roll back a started one", {{"status", p->status}});
    }
    plan_repo::remove(tx, org_id, plan_id);
    record<events::PlanDeleted>(changes_, tx, actor, *p, {.before = summary_of(*p)});
  });
}

Plan PlanService::act(const core::Actor& actor, const std::string& org_id, const std::string& plan_id,
                      PlanAction action) {
  return db_.write([&](core::Tx& tx) {
    auto p = plan_repo::find(tx, org_id, plan_id);
    if (!p) throw plan_not_found();
    const auto before_status = p->status;
    const auto before_applied = p->applied_steps;
    const auto now = clock_.unix_millis();
    switch (action) {
      case PlanAction::kStart: {
        if (p->status != "draft") throw invalid_transition(*p, action);
        const auto v = apps_.gray_candidate(tx, org_id, p->app_id, p->version);
        check_candidate(v);
        if (v->app_status != "online") {
          throw core::Error(409, "gray.app_not_online",
                            "A gray release needs an online mini-program: release a first version, or bring "
                            "it back online",
                            {{"appStatus", v->app_status}});
        }
        quotas_.ensure(tx, org_id, kMaxGrayPlans,
                                      plan_repo::count_live_in_org(tx, org_id));
        p->signature = apps_.sign_package(v->package_sha256);
        p->status = "running";
        p->started_ms = now;
        p->applied_steps = due_steps(p->steps, p->applied_steps, now);
        break;
      }
      case PlanAction::kPause:
        if (p->status != "running") throw invalid_transition(*p, action);
        p->status = "paused";
        break;
      case PlanAction::kResume:
        if (p->status != "paused") throw invalid_transition(*p, action);
        p->status = "running";
        p->applied_steps = due_steps(p->steps, p->applied_steps, now);
        break;
      case PlanAction::kComplete:
        if (!live(*p)) throw invalid_transition(*p, action);
        apps_.release_in(tx, actor, org_id, p->app_id, p->version);
        p->status = "completed";
        p->ended_ms = now;
        break;
      case PlanAction::kRollback:
        if (!live(*p)) throw invalid_transition(*p, action);
        p->status = "rolled_back";
        p->ended_ms = now;
        break;
    }
    p->updated_ms = now;
    plan_repo::update(tx, *p);
    const core::AuditEntry entry{.before = {{"status", before_status}},
                                 .after = {{"status", p->status}, {"version", p->version}}};
    switch (action) {
      case PlanAction::kStart: record<events::PlanStarted>(changes_, tx, actor, *p, entry); break;
      case PlanAction::kPause: record<events::PlanPaused>(changes_, tx, actor, *p, entry); break;
      case PlanAction::kResume: record<events::PlanResumed>(changes_, tx, actor, *p, entry); break;
      case PlanAction::kComplete: record<events::PlanCompleted>(changes_, tx, actor, *p, entry); break;
      case PlanAction::kRollback: record<events::PlanRolledBack>(changes_, tx, actor, *p, entry); break;
    }
    record_steps(changes_, tx, actor, *p, before_applied, p->applied_steps);
    return *p;
  });
}

int PlanService::apply_due_steps(std::int64_t now_ms) {
  const auto candidates =
      db_.read([](core::Conn& c) { return plan_repo::running_with_pending_steps(c); });
  int applied = 0;
  const auto actor = core::Actor::system("gray-scheduler");
  for (const auto& candidate : candidates) {
    if (due_steps(candidate.steps, candidate.applied_steps, now_ms) == candidate.applied_steps) continue;
    db_.write([&](core::Tx& tx) {
      auto p = plan_repo::find(tx, candidate.org_id, candidate.id);
      if (!p || p->status != "running") return;  // paused or finished meanwhile
      const int due = due_steps(p->steps, p->applied_steps, now_ms);
      record_steps(changes_, tx, actor, *p, p->applied_steps, due);
      applied += due - p->applied_steps;
      p->applied_steps = due;
      p->updated_ms = now_ms;
      plan_repo::update(tx, *p);
      changes_.announce(tx, event_of<events::PlanStepApplied>(*p));  // each step has its log entry
    });
  }
  return applied;
}

void PlanService::version_released(const std::string& org_id, const std::string& version_id) {
  // Most releases have no plan: look first, so they do not queue for the writer.
  if (!db_.read([&](core::Conn& c) { return plan_repo::unfinished_for_version(c, version_id); }))
    return;
  const auto actor = core::Actor::system("gray");
  db_.write([&](core::Tx& tx) {
    const auto id = plan_repo::unfinished_for_version(tx, version_id);
    if (!id) return;
    auto p = plan_repo::find(tx, org_id, *id);
    if (!p || !live(*p)) return;  // a draft stays a draft (starting it will explain why it cannot)
    const auto before = p->status;
    p->status = "completed";
    p->ended_ms = p->updated_ms = clock_.unix_millis();
    plan_repo::update(tx, *p);
    record<events::PlanCompleted>(
        changes_, tx, actor, *p,
        {.before = {{"status", before}},
         .after = {{"status", p->status}, {"reason", "the version was released to everyone"}}});
  });
}

}  // namespace cove::gray
