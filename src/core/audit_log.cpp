#include "core/audit_log.hpp"

#include <array>

#include <fmt/format.h>

#include "core/crypto.hpp"

namespace cove::core {

namespace {

constexpr std::size_t kMaxIp = 64;
constexpr std::size_t kMaxUserAgent = 512;
constexpr std::size_t kMaxRequestId = 128;

// One audit_log row; `fields` are the text columns from `at` to `request_id`, in table order.
struct AuditRow {
  std::int64_t id = 0;
  std::array<std::optional<std::string>, 13> fields;
  std::string prev_hash;
  std::string hash;
};

constexpr const char* kColumns =
    "id, at, actor_kind, actor_id, actor_name, org_id, action, target_type, target_id, "
    "before_json, after_json, ip, user_agent, request_id, prev_hash, hash";

// The hashed serialisation ("cove-audit-v1"). Every value is written as
//   <decimal byte length> ':' <bytes>        for text, and
//   '-'                                      for NULL,
// in this order: prev_hash, id (as decimal text), at, actor_kind, actor_id, actor_name, org_id,
// action, target_type, target_id, before_json, after_json, ip, user_agent, request_id.
// The length prefixes make the encoding injective, so no two different rows (or a row and a
// shifted copy of its neighbour's fields) serialise alike. hash = lowercase hex SHA-256 of
// "cove-audit-v1\n" followed by that serialisation.
std::string compute_hash(const AuditRow& row) {
  std::string out = "cove-audit-v1\n";
  const auto put = [&](const std::optional<std::string>& v) {
    if (!v) {
      out.push_back('-');
      return;
    }
    out += std::to_string(v->size());
    out.push_back(':');
    out += *v;
  };
  put(row.prev_hash);
  put(std::to_string(row.id));
  for (const auto& f : row.fields) put(f);
  return crypto::sha256_hex(out);
}

// Cuts at a UTF-8 character boundary, so a clipped value stays valid text.
std::string clip(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

std::string actor_kind(Principal::Kind kind) {
  switch (kind) {
    case Principal::Kind::kGuest: return "guest";
    case Principal::Kind::kUser: return "user";
    case Principal::Kind::kApiKey: return "api_key";
    case Principal::Kind::kSystem: return "system";
  }
  return "guest";
}

std::optional<std::string> json_or_null(const nlohmann::json& j) {
  if (j.is_null()) return std::nullopt;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::int64_t AuditLog::record(Tx& tx, const Actor& actor, const AuditEntry& entry) {
  const Principal& who = actor.principal ? *actor.principal : *Principal::guest();
  AuditRow row;
  // The id AUTOINCREMENT would pick, chosen up front because it is part of the hashed content.
  row.id = tx.query_int(
                 "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0),"
                 " coalesce((SELECT max(id) FROM audit_log), 0)) + 1")
               .value_or(1);
  auto& last = tx.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  row.prev_hash = last.executeStep() ? last.getColumn(0).getString() : "";
  last.tryReset();
  row.fields = {format_rfc3339(clock_.now()),
                actor_kind(who.kind),
                who.id,
                who.name,
                entry.org_id,
                entry.action,
                entry.target_type,
                entry.target_id,
                json_or_null(entry.before),
                json_or_null(entry.after),
                clip(actor.ip, kMaxIp),
                clip(actor.user_agent, kMaxUserAgent),
                clip(actor.request_id, kMaxRequestId)};
  row.hash = compute_hash(row);

  static const std::string kInsert = fmt::format(
      "INSERT INTO audit_log({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", kColumns);
  auto& insert = tx.prepare(kInsert);
  insert.bind(1, row.id);
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    const int index = static_cast<int>(i) + 2;
    if (row.fields[i]) {
      insert.bind(index, *row.fields[i]);
    } else {
      insert.bind(index);
    }
  }
  insert.bind(15, row.prev_hash);
  insert.bind(16, row.hash);
  insert.exec();
  return row.id;
}

namespace {
constexpr const char* kPrunedAction = "audit.pruned";

// Where the chain starts: after the entries the newest checkpoint says were pruned.
void read_checkpoint(Conn& conn, std::int64_t& through_id, std::string& through_hash) {
  auto row = conn.query_one<std::string>(
      "SELECT after_json FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1", std::string(kPrunedAction));
  if (!row) return;
  const auto doc = nlohmann::json::parse(*row, nullptr, false);
  if (!doc.is_object() || !doc.contains("throughId") || !doc["throughId"].is_number_integer() ||
      !doc.contains("throughHash") || !doc["throughHash"].is_string()) {
    return;
  }
  through_id = doc["throughId"].get<std::int64_t>();
  through_hash = doc["throughHash"].get<std::string>();
}
}  // namespace

AuditPruneResult AuditLog::prune(Db& db, std::int64_t cutoff_ms) {
  const std::string cutoff = format_rfc3339_millis(cutoff_ms);
  return db.write([&](Tx& tx) {
    AuditPruneResult result;
    // Never the newest entry: it carries the head of the chain the next record() links to.
    auto last = tx.query_one<std::int64_t>(
        "SELECT max(id) FROM audit_log WHERE at < ? AND id < (SELECT max(id) FROM audit_log)", cutoff);
    if (!last || *last == 0) return result;
    const auto hash = tx.query_one<std::string>("SELECT hash FROM audit_log WHERE id = ?", *last);
    result.removed = tx.query_value<std::int64_t>("SELECT count(*) FROM audit_log WHERE id <= ?", *last);
    tx.exec("DELETE FROM audit_log WHERE id <= ?", *last);
    result.through_id = *last;
    record(tx, Actor::system("retention"),
           {.action = kPrunedAction,
            .target_type = "audit_log",
            .after = {{"throughId", *last}, {"throughHash", hash.value_or("")}, {"removed", result.removed},
                      {"before", cutoff}}});
    return result;
  });
}

AuditVerifyResult AuditLog::verify(Db& db) {
  return db.read([](Conn& conn) {
    AuditVerifyResult result;
    const auto fail = [&](std::int64_t id, std::string reason) {
      if (!result.ok) return;
      result.ok = false;
      result.first_bad_id = id;
      result.reason = std::move(reason);
    };
    static const std::string kSelect = fmt::format("SELECT {} FROM audit_log ORDER BY id", kColumns);
    auto& select = conn.prepare(kSelect);
    std::int64_t prev_id = 0;
    std::string prev_hash;
    read_checkpoint(conn, prev_id, prev_hash);
    result.pruned_through = prev_id;
    while (select.executeStep()) {
      AuditRow row;
      row.id = select.getColumn(0).getInt64();
      for (std::size_t i = 0; i < row.fields.size(); ++i) {
        const auto col = select.getColumn(static_cast<int>(i) + 1);
        if (!col.isNull()) row.fields[i] = col.getString();
      }
      row.prev_hash = select.getColumn(14).getString();
      row.hash = select.getColumn(15).getString();
      ++result.entries;

      // Ids are gapless (AUTOINCREMENT, one writer, rolled-back inserts leave no trace), so a
      // gap is a deleted entry.
      if (row.id != prev_id + 1) {
        fail(row.id, prev_id + 1 == row.id - 1
                         ? fmt::format("entry {} is missing (deleted)", prev_id + 1)
                         : fmt::format("entries {} to {} are missing (deleted)", prev_id + 1, row.id - 1));
      } else if (row.prev_hash != prev_hash) {
        fail(row.id, prev_id == 0 ? std::string("the first entry does not start the chain")
                     : prev_id == result.pruned_through
                         ? fmt::format("the first entry does not continue from the pruned entry {}", prev_id)
                                  : fmt::format("prev_hash does not match the hash of entry {} (that "
                                                "entry was rewritten or replaced)",
                                                prev_id));
      } else if (compute_hash(row) != row.hash) {
        fail(row.id, "content does not match its hash (the entry was edited)");
      }
      prev_id = row.id;
      prev_hash = row.hash;
    }
    result.head_hash = prev_hash;
    return result;
  });
}

}  // namespace cove::core
