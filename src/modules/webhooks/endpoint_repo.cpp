#include "modules/webhooks/endpoint_repo.hpp"

#include <fmt/format.h>

namespace cove::webhooks::endpoint_repo {

namespace {

const std::string kColumns =
    "id, org_id, url, description, events, app_ids, headers, enabled, disabled_reason, secret_sealed, "
    "old_secret_sealed, old_secret_until_ms, failing_since_ms, created_by, created_ms, updated_ms";
const std::string kSelect = "SELECT " + kColumns + " FROM webhook_endpoints ";

struct LastFailure {
  std::int64_t ms = 0;
  std::optional<std::int64_t> status;
  std::string error;
};
void read_row(core::Row& r, LastFailure& f) { r.read(f.ms, f.status, f.error); }

nlohmann::json headers_json(const Endpoint& e) {
  auto out = nlohmann::json::object();
  for (const auto& [name, value] : e.headers) out[name] = value;
  return out;
}

}  // namespace

void read_row(core::Row& r, Endpoint& e) {
  nlohmann::json headers;
  std::optional<std::int64_t> old_until, failing_since;
  r.read(e.id, e.org_id, e.url, e.description, e.events, e.app_ids, headers, e.enabled, e.disabled_reason,
         e.secret_sealed, e.old_secret_sealed, old_until, failing_since, e.created_by, e.created_ms, e.updated_ms);
  e.old_secret_until_ms = old_until.value_or(0);
  e.failing_since_ms = failing_since.value_or(0);
  e.headers.clear();
  for (const auto& [name, value] : headers.items()) e.headers.emplace_back(name, value.get<std::string>());
}

std::optional<Endpoint> find(core::Conn& c, const std::string& org_id, const std::string& id) {
  return c.query_one<Endpoint>(kSelect + "WHERE id = ? AND org_id = ?", id, org_id);
}

std::optional<Endpoint> find_any(core::Conn& c, const std::string& id) {
  return c.query_one<Endpoint>(kSelect + "WHERE id = ?", id);
}

std::optional<std::string> org_of(core::Conn& c, const std::string& id) {
  return c.query_one<std::string>("SELECT org_id FROM webhook_endpoints WHERE id = ? AND org_id <> ''", id);
}

core::Page<Endpoint> list(core::Conn& c, const std::string& org_id, const core::PageRequest& page) {
  return c.query_page<Endpoint>("SELECT " + kColumns, "FROM webhook_endpoints WHERE org_id = ?1",
                                core::newest_first_page_sql("", 2), page, org_id);
}

std::int64_t count(core::Conn& c, const std::string& org_id) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM webhook_endpoints WHERE org_id = ?", org_id);
}

std::vector<Endpoint> enabled_for(core::Conn& c, const std::string& org_id) {
  return c.query_all<Endpoint>(kSelect + "WHERE enabled = 1 AND (org_id = '' OR org_id = ?) ORDER BY created_ms, id",
                               org_id);
}

void insert(core::Tx& tx, const Endpoint& e) {
  tx.exec("INSERT INTO webhook_endpoints(" + kColumns + ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          e.id, e.org_id, e.url, e.description, nlohmann::json(e.events), nlohmann::json(e.app_ids), headers_json(e),
          e.enabled, core::null_if_empty(e.disabled_reason), e.secret_sealed, core::null_if_empty(e.old_secret_sealed),
          core::null_if_zero(e.old_secret_until_ms), core::null_if_zero(e.failing_since_ms), e.created_by,
          e.created_ms, e.updated_ms);
}

void update(core::Tx& tx, const Endpoint& e) {
  tx.exec(
      "UPDATE webhook_endpoints SET url = ?, description = ?, events = ?, app_ids = ?, headers = ?, enabled = ?, "
      "disabled_reason = ?, secret_sealed = ?, old_secret_sealed = ?, old_secret_until_ms = ?, failing_since_ms = ?, "
      "updated_ms = ? WHERE id = ?",
      e.url, e.description, nlohmann::json(e.events), nlohmann::json(e.app_ids), headers_json(e), e.enabled,
      core::null_if_empty(e.disabled_reason), e.secret_sealed, core::null_if_empty(e.old_secret_sealed),
      core::null_if_zero(e.old_secret_until_ms), core::null_if_zero(e.failing_since_ms), e.updated_ms, e.id);
}

void remove(core::Tx& tx, const std::string& id) { tx.exec("DELETE FROM webhook_endpoints WHERE id = ?", id); }

EndpointHealth health(core::Conn& c, const std::string& id, std::int64_t since_ms) {
  EndpointHealth h;
  h.attempts = c.query_value<std::int64_t>(
      "SELECT count(*) FROM webhook_attempts WHERE endpoint_id = ? AND created_ms >= ?", id, since_ms);
  h.succeeded = c.query_value<std::int64_t>(
      "SELECT count(*) FROM webhook_attempts WHERE endpoint_id = ? AND created_ms >= ? AND status BETWEEN 200 AND 299",
      id, since_ms);
  h.pending = c.query_value<std::int64_t>(
      "SELECT count(*) FROM webhook_messages WHERE endpoint_id = ? AND status = 'pending'", id);
  if (const auto last = c.query_one<LastFailure>(
          "SELECT created_ms, status, error FROM webhook_attempts WHERE endpoint_id = ? "
          "AND (status IS NULL OR status NOT BETWEEN 200 AND 299) ORDER BY created_ms DESC, id DESC LIMIT 1",
          id)) {
    h.last_failure_ms = last->ms;
    h.last_failure = last->status ? fmt::format("HTTP {}", *last->status) : last->error;
  }
  return h;
}

}  // namespace cove::webhooks::endpoint_repo
