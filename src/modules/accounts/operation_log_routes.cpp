// The operation log (操作日志) read by people (issue 14 "Operation log readable"): an organisation's
// own entries and the operators' whole log, with filters, pages, a CSV export and the chain check.
// Both lists run on the worker pool: an exact count over a long log is not an I/O thread's work.
#include <re2/re2.h>

#include "core/error.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/accounts/accounts_routes.hpp"

namespace cove::accounts {

namespace {

struct LogQuery {
  core::AuditFilter filter;
  core::PageRequest page;
  bool csv = false;
};

LogQuery read_query(const http::Request& req, bool platform) {
  // What a filter value may look like: actions "family.verb", types lower-case words, ids the
  // prefixed random ids (actors are filtered by id, never by name or e-mail).
  static const RE2 kAction(R"([a-z0-9_]{1,40}(\.[a-z0-9_]{0,40}){0,3})");
  static const RE2 kWord(R"([a-z0-9_]{1,40})");
  static const RE2 kId(R"([A-Za-z0-9_.:@-]{1,128})");
  http::QueryInput q(req);
  LogQuery out;
  auto& f = out.filter;
  const auto checked = [&](const char* name, const RE2& pattern, const char* message) {
    auto v = q.optional_string(name, {.min_chars = 1, .max_chars = 128});
    if (v && !RE2::FullMatch(*v, pattern)) {
      q.add_error(name, "invalid_format", message);
      return std::optional<std::string>();
    }
    return v;
  };
  f.actor_id = checked("actorId", kId, "Use the id of a user, API key or operator");
  f.action = checked("action", kAction, "Use an action such as app.updated, or a family such as app.");
  f.target_type = checked("targetType", kWord, "Use a target type such as app, version or org");
  f.target_id = checked("targetId", kId, "Use the id of the target");
  f.result = q.one_of("result", {"success", "failure"});
  if (platform) {
    // "platform" selects the entries of no organisation (operators' own actions, sign-ins).
    if (auto org = checked("orgId", kId, "Use an organisation id, or platform")) {
      f.org_id = *org == "platform" ? std::string() : *org;
    }
  }
  out.csv = q.one_of("format", {"json", "csv"}).value_or("json") == "csv";
  out.page = q.page();
  q.finish();
  return out;
}

http::Response answer(const OperationLogService& log, const LogQuery& query, const std::string& file_stem) {
  if (!query.csv) {
    return http::Response::json(
        200, http::page_json(log.list(query.filter, query.page), query.page, core::audit_page_key,
                             [](const core::AuditRecord& r) { return core::to_json(r); }));
  }
  const auto path = log.export_csv(query.filter, query.page);
  http::Response res;
  res.status = 200;
  res.headers.set("Content-Type", "text/csv; charset=utf-8");
  res.headers.set("Content-Disposition", "attachment; filename=\"" + file_stem + ".csv\"");
  res.headers.set("Cache-Control", "no-store");
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw std::runtime_error("export file vanished: " + path.string());
  res.file = http::FileBody{path, 0, size, /*remove_after_open=*/true};
  return res;
}

}  // namespace

void mount_operation_log_routes(http::Router& router, AccountsServices& services) {
  const auto* log = &services.operation_log;

  router.group("/api/v1/orgs")
      .get("/{orgId}/operation-log",
           [log](http::Request& req) {
             auto query = read_query(req, false);
             query.filter.scope_org_id = req.org_id;
             return answer(*log, query, "operation-log-" + req.org_id);
           })
      .permission("audit:read")
      .blocking();

  auto platform = router.group("/api/v1/platform/operation-log");
  platform
      .get("",
           [log](http::Request& req) { return answer(*log, read_query(req, true), "operation-log"); })
      .permission("platform:audit")
      .blocking();
  platform
      .get("/verify",
           [log](http::Request&) {
             const auto r = log->verify();
             nlohmann::json body = {{"ok", r.ok},
                                    {"entries", r.entries},
                                    {"headHash", r.head_hash},
                                    {"prunedThrough", r.pruned_through == 0 ? nlohmann::json(nullptr)
                                                                            : nlohmann::json(std::to_string(
                                                                                  r.pruned_through))},
                                    {"firstBadId", r.first_bad_id ? nlohmann::json(std::to_string(*r.first_bad_id))
                                                                  : nlohmann::json(nullptr)},
                                    {"reason", r.reason}};
             return http::Response::json(200, body);
           })
      .permission("platform:audit")
      .blocking();
}

}  // namespace cove::accounts
