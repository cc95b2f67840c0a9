#include "modules/accounts/org_repo.hpp"

namespace cove::accounts::org_repo {

namespace {

constexpr const char* kColumns =
    "id, name, license_no, contact_name, contact_email, contact_phone, attachment_sha256, attachment_name, "
    "attachment_type, status, status_reason, require_2fa, reviewed_by, reviewed_ms, created_ms, updated_ms, "
    "require_2fa_imposed_by, require_2fa_imposed_ms";

Org read_org(SQLite::Statement& st) {
  Org o;
  o.id = st.getColumn(0).getString();
  o.name = st.getColumn(1).getString();
  o.license_no = st.getColumn(2).getString();
  o.contact_name = st.getColumn(3).getString();
  o.contact_email = st.getColumn(4).getString();
  o.contact_phone = st.getColumn(5).getString();
  if (!st.getColumn(6).isNull()) {
    o.attachment =
        Attachment{st.getColumn(6).getString(), st.getColumn(7).getString(), st.getColumn(8).getString()};
  }
  o.status = st.getColumn(9).getString();
  o.status_reason = st.getColumn(10).getString();
  o.require_2fa = st.getColumn(11).getInt() != 0;
  o.reviewed_by = st.getColumn(12).isNull() ? "" : st.getColumn(12).getString();
  o.reviewed_ms = st.getColumn(13).isNull() ? 0 : st.getColumn(13).getInt64();
  o.created_ms = st.getColumn(14).getInt64();
  o.updated_ms = st.getColumn(15).getInt64();
  if (!st.getColumn(16).isNull()) {
    o.require_2fa_imposed_by = st.getColumn(16).getString();
    o.require_2fa_imposed_ms = st.getColumn(17).getInt64();
  }
  return o;
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& v) {
  if (v)
    st.bind(index, *v);
  else
    st.bind(index);
}

std::optional<std::int64_t> optional_int(const SQLite::Column& col) {
  if (col.isNull()) return std::nullopt;
  return col.getInt64();
}

}  // namespace

std::optional<Org> find(core::Conn& c, const std::string& org_id) {
  auto& st = c.prepare(std::string("SELECT ") + kColumns + " FROM orgs WHERE id = ?");
  st.bind(1, org_id);
  if (!st.executeStep()) return std::nullopt;
  return read_org(st);
}

bool license_in_use(core::Conn& c, const std::string& license_no) {
  auto& st = c.prepare("SELECT 1 FROM orgs WHERE license_no = ? AND status <> 'rejected'");
  st.bind(1, license_no);
  return st.executeStep();
}

void insert(core::Tx& tx, const Org& o) {
  auto& st = tx.prepare(
      "INSERT INTO orgs(id, name, license_no, contact_name, contact_email, contact_phone, status, "
      "status_reason, "
      "require_2fa, created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, o.id);
  st.bind(2, o.name);
  st.bind(3, o.license_no);
  st.bind(4, o.contact_name);
  st.bind(5, o.contact_email);
  st.bind(6, o.contact_phone);
  st.bind(7, o.status);
  st.bind(8, o.status_reason);
  st.bind(9, o.require_2fa ? 1 : 0);
  st.bind(10, o.created_ms);
  st.bind(11, o.updated_ms);
  st.exec();
}

void update_profile(core::Tx& tx, const Org& o) {
  auto& st = tx.prepare(
      "UPDATE orgs SET name = ?, contact_name = ?, contact_email = ?, contact_phone = ?, require_2fa = ?, "
      "updated_ms = ? WHERE id = ?");
  st.bind(1, o.name);
  st.bind(2, o.contact_name);
  st.bind(3, o.contact_email);
  st.bind(4, o.contact_phone);
  st.bind(5, o.require_2fa ? 1 : 0);
  st.bind(6, o.updated_ms);
  st.bind(7, o.id);
  st.exec();
}

void set_status(core::Tx& tx, const std::string& org_id, const std::string& status, const std::string& reason,
                const std::string& reviewed_by, std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE orgs SET status = ?, status_reason = ?, reviewed_by = ?, reviewed_ms = ?, updated_ms = ? WHERE "
      "id = ?");
  st.bind(1, status);
  st.bind(2, reason);
  st.bind(3, reviewed_by);
  st.bind(4, now_ms);
  st.bind(5, now_ms);
  st.bind(6, org_id);
  st.exec();
}

void set_imposed_2fa(core::Tx& tx, const std::string& org_id, const std::string& operator_id,
                     std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE orgs SET require_2fa_imposed_by = ?1, require_2fa_imposed_ms = CASE WHEN ?1 IS NULL THEN NULL "
      "ELSE ?2 "
      "END, updated_ms = ?2 WHERE id = ?3");
  if (operator_id.empty())
    st.bind(1);
  else
    st.bind(1, operator_id);
  st.bind(2, now_ms);
  st.bind(3, org_id);
  st.exec();
}

void set_attachment(core::Tx& tx, const std::string& org_id, const Attachment& a, std::int64_t now_ms) {
  auto& st = tx.prepare(
      "UPDATE orgs SET attachment_sha256 = ?, attachment_name = ?, attachment_type = ?, updated_ms = ? WHERE "
      "id = ?");
  st.bind(1, a.sha256);
  st.bind(2, a.name);
  st.bind(3, a.content_type);
  st.bind(4, now_ms);
  st.bind(5, org_id);
  st.exec();
}

std::vector<Org> list(core::Conn& c, const OrgFilter& filter, const PageRequest& page) {
  // One statement text for every filter combination (cached statements must come from a bounded
  // set): a NULL parameter switches its condition off.
  auto& st = c.prepare(std::string("SELECT ") + kColumns +
                       " FROM orgs WHERE (?1 IS NULL OR status = ?1) "
                       "AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\' OR license_no LIKE ?2 ESCAPE '\\' "
                       "OR contact_email LIKE ?2 ESCAPE '\\') "
                       "AND (?3 IS NULL OR created_ms < ?3 OR (created_ms = ?3 AND id < ?4)) "
                       "ORDER BY created_ms DESC, id DESC LIMIT ?5");
  if (filter.status)
    st.bind(1, *filter.status);
  else
    st.bind(1);
  if (!filter.query.empty())
    st.bind(2, like_contains(filter.query));
  else
    st.bind(2);
  bind_page(st, 3, page);
  std::vector<Org> rows;
  while (st.executeStep()) rows.push_back(read_org(st));
  return rows;
}

QuotaOverrides quota_overrides(core::Conn& c, const std::string& org_id) {
  QuotaOverrides q;
  auto& st = c.prepare(
      "SELECT max_apps, max_host_apps, max_members, max_gray_plans, max_package_bytes FROM org_quotas WHERE "
      "org_id = ?");
  st.bind(1, org_id);
  if (st.executeStep()) {
    q.max_apps = optional_int(st.getColumn(0));
    q.max_host_apps = optional_int(st.getColumn(1));
    q.max_members = optional_int(st.getColumn(2));
    q.max_gray_plans = optional_int(st.getColumn(3));
    q.max_package_bytes = optional_int(st.getColumn(4));
  }
  return q;
}

void set_quota_overrides(core::Tx& tx, const std::string& org_id, const QuotaOverrides& q,
                         std::int64_t now_ms) {
  auto& st = tx.prepare(
      "INSERT INTO org_quotas(org_id, max_apps, max_host_apps, max_members, max_gray_plans, "
      "max_package_bytes, "
      "updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(org_id) DO UPDATE SET max_apps = "
      "excluded.max_apps, "
      "max_host_apps = excluded.max_host_apps, max_members = excluded.max_members, "
      "max_gray_plans = excluded.max_gray_plans, max_package_bytes = excluded.max_package_bytes, "
      "updated_ms = excluded.updated_ms");
  st.bind(1, org_id);
  bind_optional(st, 2, q.max_apps);
  bind_optional(st, 3, q.max_host_apps);
  bind_optional(st, 4, q.max_members);
  bind_optional(st, 5, q.max_gray_plans);
  bind_optional(st, 6, q.max_package_bytes);
  st.bind(7, now_ms);
  st.exec();
}

}  // namespace cove::accounts::org_repo
