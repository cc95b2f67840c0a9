#include "modules/gray/plan_repo.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "modules/gray/plan_schedule.hpp"

namespace cove::gray::plan_repo {

namespace {

constexpr const char* kColumns =
    "id, org_id, app_id, version_id, version, name, rule, priority, steps, applied_steps, status, signature, "
    "created_by, created_ms, updated_ms, started_ms, ended_ms";

std::vector<PlanStep> read_steps(const std::string& text) {
  std::vector<PlanStep> steps;
  for (const auto& s : nlohmann::json::parse(text)) {
    steps.push_back({s.at("percentage").get<int>(), s.at("atMs").get<std::int64_t>()});
  }
  return steps;
}

std::string steps_text(const std::vector<PlanStep>& steps) {
  auto out = nlohmann::json::array();
  for (const auto& s : steps) out.push_back({{"percentage", s.percentage}, {"atMs", s.at_ms}});
  return out.dump();
}

std::int64_t int_or_zero(const SQLite::Column& col) { return col.isNull() ? 0 : col.getInt64(); }

Plan read_plan(SQLite::Statement& st) {
  Plan p;
  p.id = st.getColumn(0).getString();
  p.org_id = st.getColumn(1).getString();
  p.app_id = st.getColumn(2).getString();
  p.version_id = st.getColumn(3).getString();
  p.version = st.getColumn(4).getString();
  p.name = st.getColumn(5).getString();
  p.rule = nlohmann::json::parse(st.getColumn(6).getString());
  p.priority = st.getColumn(7).getInt();
  p.steps = read_steps(st.getColumn(8).getString());
  p.applied_steps = st.getColumn(9).getInt();
  p.status = st.getColumn(10).getString();
  p.signature = st.getColumn(11).isNull() ? "" : st.getColumn(11).getString();
  p.created_by = st.getColumn(12).getString();
  p.created_ms = st.getColumn(13).getInt64();
  p.updated_ms = st.getColumn(14).getInt64();
  p.started_ms = int_or_zero(st.getColumn(15));
  p.ended_ms = int_or_zero(st.getColumn(16));
  return p;
}

std::vector<Plan> read_all(SQLite::Statement& st) {
  std::vector<Plan> out;
  while (st.executeStep()) out.push_back(read_plan(st));
  return out;
}

void bind_ms_or_null(SQLite::Statement& st, int index, std::int64_t ms) {
  if (ms > 0) {
    st.bind(index, ms);
  } else {
    st.bind(index);
  }
}

}  // namespace

std::optional<Plan> find(core::Conn& c, const std::string& org_id, const std::string& plan_id) {
  auto& st = c.prepare(fmt::format("SELECT {} FROM gray_plans WHERE id = ? AND org_id = ?", kColumns));
  st.bind(1, plan_id);
  st.bind(2, org_id);
  if (!st.executeStep()) return std::nullopt;
  return read_plan(st);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& plan_id) {
  auto& st = c.prepare("SELECT org_id FROM gray_plans WHERE id = ?");
  st.bind(1, plan_id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::vector<Plan> list(core::Conn& c, const std::string& org_id, const std::string& app_id,
                       const std::optional<std::string>& status, const accounts::PageRequest& page) {
  auto& st = c.prepare(fmt::format(
      "SELECT {} FROM gray_plans WHERE org_id = ?1 AND app_id = ?2 AND (?3 IS NULL OR status = ?3) {}",
      kColumns, accounts::newest_first_page_sql("", 4)));
  st.bind(1, org_id);
  st.bind(2, app_id);
  if (status) {
    st.bind(3, *status);
  } else {
    st.bind(3);
  }
  accounts::bind_page(st, 4, page);
  return read_all(st);
}

void insert(core::Tx& tx, const Plan& p) {
  auto& st = tx.prepare(fmt::format(
      "INSERT INTO gray_plans({}) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns));
  st.bind(1, p.id);
  st.bind(2, p.org_id);
  st.bind(3, p.app_id);
  st.bind(4, p.version_id);
  st.bind(5, p.version);
  st.bind(6, p.name);
  st.bind(7, p.rule.dump());
  st.bind(8, p.priority);
  st.bind(9, steps_text(p.steps));
  st.bind(10, p.applied_steps);
  st.bind(11, p.status);
  if (p.signature.empty()) {
    st.bind(12);
  } else {
    st.bind(12, p.signature);
  }
  st.bind(13, p.created_by);
  st.bind(14, p.created_ms);
  st.bind(15, p.updated_ms);
  bind_ms_or_null(st, 16, p.started_ms);
  bind_ms_or_null(st, 17, p.ended_ms);
  st.exec();
}

void update(core::Tx& tx, const Plan& p) {
  auto& st = tx.prepare(
      "UPDATE gray_plans SET name = ?, rule = ?, priority = ?, steps = ?, applied_steps = ?, status = ?, "
      "signature = ?, updated_ms = ?, started_ms = ?, ended_ms = ? WHERE id = ? AND org_id = ?");
  st.bind(1, p.name);
  st.bind(2, p.rule.dump());
  st.bind(3, p.priority);
  st.bind(4, steps_text(p.steps));
  st.bind(5, p.applied_steps);
  st.bind(6, p.status);
  if (p.signature.empty()) {
    st.bind(7);
  } else {
    st.bind(7, p.signature);
  }
  st.bind(8, p.updated_ms);
  bind_ms_or_null(st, 9, p.started_ms);
  bind_ms_or_null(st, 10, p.ended_ms);
  st.bind(11, p.id);
  st.bind(12, p.org_id);
  st.exec();
}

void remove(core::Tx& tx, const std::string& org_id, const std::string& plan_id) {
  auto& st = tx.prepare("DELETE FROM gray_plans WHERE id = ? AND org_id = ?");
  st.bind(1, plan_id);
  st.bind(2, org_id);
  st.exec();
}

std::int64_t count_live_in_org(core::Conn& c, const std::string& org_id) {
  auto& st =
      c.prepare("SELECT count(*) FROM gray_plans WHERE org_id = ? AND status IN ('running', 'paused')");
  st.bind(1, org_id);
  st.executeStep();
  return st.getColumn(0).getInt64();
}

std::optional<std::string> unfinished_for_version(core::Conn& c, const std::string& version_id) {
  auto& st = c.prepare(
      "SELECT id FROM gray_plans WHERE version_id = ? AND status IN ('draft', 'running', 'paused') LIMIT 1");
  st.bind(1, version_id);
  if (!st.executeStep()) return std::nullopt;
  return st.getColumn(0).getString();
}

std::vector<std::string> unfinished_using_list(core::Conn& c, const std::string& org_id,
                                               const std::string& list_id) {
  // List ids are unique random tokens, so finding the quoted id in the rule text is exact.
  auto& st = c.prepare(
      "SELECT id FROM gray_plans WHERE org_id = ? AND status IN ('draft', 'running', 'paused') "
      "AND instr(rule, ?) > 0 ORDER BY id");
  st.bind(1, org_id);
  st.bind(2, fmt::format("\"{}\"", list_id));
  std::vector<std::string> out;
  while (st.executeStep()) out.push_back(st.getColumn(0).getString());
  return out;
}

std::vector<Plan> live_for_app(core::Conn& c, const std::string& app_id) {
  auto& st =
      c.prepare(fmt::format("SELECT {} FROM gray_plans WHERE app_id = ? AND status IN ('running', 'paused') "
                            "ORDER BY priority, created_ms, id",
                            kColumns));
  st.bind(1, app_id);
  return read_all(st);
}

std::vector<Plan> running(core::Conn& c) {
  auto& st = c.prepare(fmt::format(
      "SELECT {} FROM gray_plans WHERE status = 'running' ORDER BY priority, created_ms, id", kColumns));
  return read_all(st);
}

std::vector<Plan> running_with_pending_steps(core::Conn& c) {
  auto& st = c.prepare(fmt::format(
      "SELECT {} FROM gray_plans WHERE status = 'running' AND applied_steps < json_array_length(steps)",
      kColumns));
  return read_all(st);
}

}  // namespace cove::gray::plan_repo
