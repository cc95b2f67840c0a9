#include "core/audit_query.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace cove::core {

namespace {

constexpr const char* kSelect =
    "SELECT id, at, actor_kind, actor_id, actor_name, org_id, action, target_type, target_id, before_json, "
    "after_json, ip, user_agent, request_id ";

// SQL for the failure actions, kept beside is_failure_action() so the filter and the `result`
// field of an entry cannot disagree.
constexpr const char* kFailureSql =
    "(action LIKE '%\\_failed' ESCAPE '\\' OR action LIKE '%\\_denied' ESCAPE '\\' "
    "OR action LIKE '%\\_reused' ESCAPE '\\' OR action = 'auth.locked')";

// "FROM … WHERE …" for the filter, its arguments in `args`. The statement text depends only on
// which filters are set (a bounded set of shapes), so each stays cached and uses its index:
// (org_id, id) for an organisation's log, (target_type, target_id, id) for one object's history.
std::string where_sql(const AuditFilter& f, const PageRequest& page, SqlArgs& args) {
  std::string sql = "FROM audit_log WHERE 1 = 1";
  const auto eq = [&](const char* column, const std::optional<std::string>& v) {
    if (!v) return;
    sql += fmt::format(" AND {} = ?", column);
    args.add(*v);
  };
  eq("org_id", f.scope_org_id);
  eq("org_id", f.org_id);
  eq("actor_id", f.actor_id);
  eq("target_type", f.target_type);
  eq("target_id", f.target_id);
  if (f.action) {
    if (f.action->ends_with('.')) {
      sql += " AND action LIKE ? ESCAPE '\\'";
      args.add(like_contains(*f.action).substr(1));  // "%app.%" without its leading % : a prefix
    } else {
      eq("action", f.action);
    }
  }
  if (f.result) sql += *f.result == "failure" ? fmt::format(" AND {}", kFailureSql) : fmt::format(" AND NOT {}", kFailureSql);
  // `at` is fixed-width RFC 3339 UTC with milliseconds, so text order is time order.
  if (page.from_ms) {
    sql += " AND at >= ?";
    args.add(format_rfc3339_millis(*page.from_ms));
  }
  if (page.to_ms) {
    sql += " AND at < ?";
    args.add(format_rfc3339_millis(*page.to_ms));
  }
  return sql;
}

}  // namespace

void read_row(Row& r, AuditRecord& e) {
  r.read(e.id, e.at, e.actor_kind, e.actor_id, e.actor_name, e.org_id, e.action, e.target_type, e.target_id,
         e.before, e.after, e.ip, e.user_agent, e.request_id);
}

bool is_failure_action(std::string_view action) {
  return action.ends_with("_failed") || action.ends_with("_denied") || action.ends_with("_reused") ||
         action == "auth.locked";
}

Page<AuditRecord> list_audit(Conn& c, const AuditFilter& filter, const PageRequest& page) {
  SqlArgs args;
  const std::string from_where = where_sql(filter, page, args);
  Page<AuditRecord> out;
  out.total = c.query_value<std::int64_t>("SELECT count(*) " + from_where, args);
  SqlArgs row_args = args;
  std::string sql = kSelect + from_where;
  if (page.after) {
    sql += " AND id < ?";
    row_args.add(page.after->ms);
  }
  sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  row_args.add(page.limit + 1).add(page.offset);
  out.rows = c.query_all<AuditRecord>(sql, row_args);
  return out;
}

PageKey audit_page_key(const AuditRecord& record) { return {record.id, "log"}; }

void for_each_audit(Conn& c, const AuditFilter& filter, const PageRequest& range,
                    const std::function<void(const AuditRecord&)>& fn) {
  SqlArgs args;
  const std::string sql = kSelect + where_sql(filter, range, args) + " ORDER BY id DESC";
  c.for_each(
      sql,
      [&](Row& row) {
        AuditRecord record;
        read_row(row, record);
        fn(record);
      },
      args);
}

nlohmann::json to_json(const AuditRecord& r) {
  return {{"id", std::to_string(r.id)},
          {"at", r.at},
          {"actor", {{"kind", r.actor_kind}, {"id", r.actor_id}, {"name", r.actor_name}}},
          {"orgId", r.org_id},
          {"action", r.action},
          {"result", is_failure_action(r.action) ? "failure" : "success"},
          {"target", {{"type", r.target_type}, {"id", r.target_id}}},
          {"before", r.before},
          {"after", r.after},
          {"ip", r.ip},
          {"userAgent", r.user_agent},
          {"requestId", r.request_id}};
}

}  // namespace cove::core
