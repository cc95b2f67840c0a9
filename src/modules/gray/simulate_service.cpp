#include "modules/gray/simulate_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/gray/plan_repo.hpp"
#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

namespace {

// Membership straight from the database, for one-off explanations (no set is built).
class DbUidLists final : public UidLists {
 public:
  DbUidLists(core::Conn& c, std::function<bool(const std::string& org_id)> may_read)
      : c_(c), may_read_(std::move(may_read)) {}
  bool contains(std::string_view list_id, std::string_view uid) const override {
    const std::string id(list_id);
    const auto org = uid_list_repo::org_of(c_, id);
    return org && may_read_(*org) && uid_list_repo::contains(c_, id, std::string(uid));
  }

 private:
  core::Conn& c_;
  std::function<bool(const std::string&)> may_read_;
};

// A rule that no longer compiles selects nobody.
LivePlan compile(const Plan& p) {
  if (auto live = compile_plan(p)) return std::move(*live);
  core::FieldErrors errors;
  return {p.id, p.version, *Rule::parse({{"groups", {{{"percentage", 0}}}}}, errors), std::nullopt};
}

}  // namespace

nlohmann::json SimulateService::simulate(const std::string& org_id, const std::string& app_id,
                                         const ContextAttributes& context, core::TimePoint now) const {
  return db_.read([&](core::Conn& c) {
    if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
    const auto released = apps_.released_version(c, org_id, app_id);
    DbUidLists lists(c, [&](const std::string& org) { return org == org_id; });
    auto plans = nlohmann::json::array();
    nlohmann::json answer = {{"appId", app_id},
                             {"version", released ? nlohmann::json(*released) : nlohmann::json(nullptr)},
                             {"source", released ? "released" : "none"},
                             {"planId", nullptr},
                             {"group", nullptr}};
    bool decided = false;
    for (const auto& p : plan_repo::live_for_app(c, app_id)) {
      auto entry = nlohmann::json{{"planId", p.id},
                                  {"name", p.name},
                                  {"version", p.version},
                                  {"priority", p.priority},
                                  {"status", p.status}};
      if (p.status != "running") {
        entry["explanation"] = "paused: not evaluated";
        entry["matched"] = false;
      } else {
        const auto verdict = explain_plan(compile(p), context, lists, now);
        entry.update(verdict.explanation);
        if (verdict.matched && !decided) {
          decided = true;
          answer["version"] = p.version;
          answer["source"] = "gray";
          answer["planId"] = p.id;
          answer["group"] = verdict.group;
        }
      }
      plans.push_back(std::move(entry));
    }
    answer["plans"] = std::move(plans);
    answer["now"] = core::format_rfc3339(now);
    return answer;
  });
}

Verdict SimulateService::evaluate(const core::Principal& principal, const Rule& rule,
                                  const ContextAttributes& context, core::TimePoint now) const {
  return db_.read([&](core::Conn& c) {
    DbUidLists lists(c, [&](const std::string& org) {
      return principal.can_in_org(org, "apps:read") || !principal.platform_role.empty();
    });
    return explain_rule(rule, context, lists, "evaluate", now);
  });
}

nlohmann::json SimulateService::preview(const std::string& org_id, const std::string& plan_id,
                                        const PreviewRequest& request, core::TimePoint now) const {
  return db_.read([&](core::Conn& c) {
    const auto p = plan_repo::find(c, org_id, plan_id);
    if (!p) throw core::Error::not_found("gray.plan_not_found", "No such gray plan");
    const auto plan = compile(*p);
    UidSetCache sets;  // its own: the runtime's cache keeps only what running plans use
    auto lists = sets.load(c, lists_named(p->rule));
    ContextAttributes user = request.context;
    std::int64_t total = 0;
    std::int64_t selected = 0;
    const auto count = [&](std::string_view uid) {
      user.set("uid", std::string(uid));
      ++total;
      if (selects(plan, user, *lists, now)) ++selected;
    };
    if (request.uid_list) {
      if (!uid_list_repo::find(c, org_id, *request.uid_list))
        throw core::Error::not_found("uid_lists.not_found", "No such UID list");
      uid_list_repo::for_each_member(c, *request.uid_list, count);
    } else {
      const int n = request.sample.value_or(10'000);
      for (int i = 1; i <= n; ++i) count(fmt::format("preview-user-{}", i));
    }
    const auto pct = current_percentage(*p);
    return nlohmann::json{
        {"planId", p->id},
        {"sampleSize", total},
        {"selected", selected},
        {"share", total > 0 ? static_cast<double>(selected) / static_cast<double>(total) : 0.0},
        {"percentage", pct ? nlohmann::json(*pct) : nlohmann::json(nullptr)}};
  });
}

}  // namespace cove::gray
