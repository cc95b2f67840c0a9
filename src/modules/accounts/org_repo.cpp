#include "modules/accounts/org_repo.hpp"

namespace cove::accounts::org_repo {

void read_row(core::Row& r, Org& o) {
  std::optional<std::string> attachment_sha256;
  std::string attachment_name, attachment_type;
  r.read(o.id, o.name, o.license_no, o.contact_name, o.contact_email, o.contact_phone, attachment_sha256,
         attachment_name, attachment_type, o.status, o.status_reason, o.require_2fa, o.reviewed_by, o.reviewed_ms,
         o.created_ms, o.updated_ms, o.require_2fa_imposed_by, o.require_2fa_imposed_ms);
  if (attachment_sha256) o.attachment = Attachment{*attachment_sha256, attachment_name, attachment_type};
}

namespace {

const std::string kColumns =
    "id, name, license_no, contact_name, contact_email, contact_phone, attachment_sha256, attachment_name, "
    "attachment_type, status, status_reason, require_2fa, reviewed_by, reviewed_ms, created_ms, updated_ms, "
    "require_2fa_imposed_by, require_2fa_imposed_ms";

}  // namespace

std::optional<Org> find(core::Conn& c, const std::string& org_id) {
  return c.query_one<Org>("SELECT " + kColumns + " FROM orgs WHERE id = ?", org_id);
}

bool exists(core::Conn& c, const std::string& org_id) {
  return c.query_one<int>("SELECT 1 FROM orgs WHERE id = ?", org_id).has_value();
}

std::vector<std::string> active_ids(core::Conn& c) {
  return c.query_all<std::string>("SELECT id FROM orgs WHERE status = 'active'");
}

std::int64_t count_with_status(core::Conn& c, std::string_view status) {
  return c.query_value<std::int64_t>("SELECT count(*) FROM orgs WHERE status = ?", status);
}

std::unordered_map<std::string, std::string> names(core::Conn& c, const std::vector<std::string>& ids) {
  std::unordered_map<std::string, std::string> out;
  if (ids.empty()) return out;
  c.for_each("SELECT id, name FROM orgs WHERE id IN (SELECT value FROM json_each(?))",
             [&](core::Row& r) {
               auto id = r.get<std::string>();
               out.emplace(std::move(id), r.get<std::string>());
             },
             nlohmann::json(ids));
  return out;
}

bool references_blob(core::Conn& c, const std::string& sha256) {
  return c.query_one<int>("SELECT 1 FROM orgs WHERE attachment_sha256 = ?", sha256).has_value();
}

bool license_in_use(core::Conn& c, const std::string& license_no, const std::string& except_org_id) {
  return c.query_one<int>("SELECT 1 FROM orgs WHERE license_no = ? AND status <> 'rejected' AND id <> ?", license_no,
                          except_org_id)
      .has_value();
}

void insert(core::Tx& tx, const Org& o) {
  tx.exec(
      "INSERT INTO orgs(id, name, license_no, contact_name, contact_email, contact_phone, status, status_reason, "
      "require_2fa, created_ms, updated_ms) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      o.id, o.name, o.license_no, o.contact_name, o.contact_email, o.contact_phone, o.status, o.status_reason,
      o.require_2fa, o.created_ms, o.updated_ms);
}

void update_profile(core::Tx& tx, const Org& o) {
  tx.exec(
      "UPDATE orgs SET name = ?, contact_name = ?, contact_email = ?, contact_phone = ?, require_2fa = ?, "
      "updated_ms = ? WHERE id = ?",
      o.name, o.contact_name, o.contact_email, o.contact_phone, o.require_2fa, o.updated_ms, o.id);
}

void resubmit(core::Tx& tx, const Org& o) {
  tx.exec(
      "UPDATE orgs SET name = ?, license_no = ?, contact_name = ?, contact_email = ?, contact_phone = ?, "
      "status = 'pending', status_reason = '', updated_ms = ? WHERE id = ? AND status = 'rejected'",
      o.name, o.license_no, o.contact_name, o.contact_email, o.contact_phone, o.updated_ms, o.id);
}

void set_status(core::Tx& tx, const std::string& org_id, const std::string& status, const std::string& reason,
                const std::string& reviewed_by, std::int64_t now_ms) {
  tx.exec(
      "UPDATE orgs SET status = ?, status_reason = ?, reviewed_by = ?, reviewed_ms = ?, updated_ms = ? WHERE id = ?",
      status, reason, reviewed_by, now_ms, now_ms, org_id);
}

void set_imposed_2fa(core::Tx& tx, const std::string& org_id, const std::string& operator_id,
                     std::int64_t now_ms) {
  tx.exec(
      "UPDATE orgs SET require_2fa_imposed_by = ?1, "
      "require_2fa_imposed_ms = CASE WHEN ?1 IS NULL THEN NULL ELSE ?2 END, updated_ms = ?2 WHERE id = ?3",
      core::null_if_empty(operator_id), now_ms, org_id);
}

void set_attachment(core::Tx& tx, const std::string& org_id, const Attachment& a, std::int64_t now_ms) {
  tx.exec(
      "UPDATE orgs SET attachment_sha256 = ?, attachment_name = ?, attachment_type = ?, updated_ms = ? WHERE id = ?",
      a.sha256, a.name, a.content_type, now_ms, org_id);
}

core::Page<Org> list(core::Conn& c, const OrgFilter& filter, const core::PageRequest& page) {
  // One statement text for every filter combination (cached statements must come from a bounded
  // set): a NULL parameter switches its condition off.
  return c.query_page<Org>("SELECT " + kColumns,
                           "FROM orgs WHERE (?1 IS NULL OR status = ?1) "
                           "AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\' OR license_no LIKE ?2 ESCAPE '\\' "
                           "OR contact_email LIKE ?2 ESCAPE '\\')",
                           core::newest_first_page_sql("", 3), page, filter.status,
                           core::null_if_empty(filter.query.empty() ? "" : core::like_contains(filter.query)));
}

std::map<std::string, std::int64_t, std::less<>> quota_overrides(core::Conn& c, const std::string& org_id) {
  std::map<std::string, std::int64_t, std::less<>> out;
  c.for_each("SELECT quota, value FROM org_quota_overrides WHERE org_id = ?",
             [&](core::Row& r) {
               auto key = r.get<std::string>();
               out[std::move(key)] = r.get<std::int64_t>();
             },
             org_id);
  return out;
}

void set_quota_overrides(core::Tx& tx, const std::string& org_id,
                         const std::map<std::string, std::optional<std::int64_t>, std::less<>>& values,
                         std::int64_t now_ms) {
  tx.exec("DELETE FROM org_quota_overrides WHERE org_id = ?", org_id);
  for (const auto& [key, value] : values) {
    if (value) {
      tx.exec("INSERT INTO org_quota_overrides(org_id, quota, value, updated_ms) VALUES(?, ?, ?, ?)", org_id, key,
              *value, now_ms);
    }
  }
}

}  // namespace cove::accounts::org_repo
