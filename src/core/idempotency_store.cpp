#include "core/idempotency_store.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace cove::core {

namespace {

// Expired rows deleted per claim: more than one, so deletion outpaces insertion after a burst,
// and few enough that a claim stays a small transaction.
constexpr int kPruneBatch = 64;

void bind_scope(SQLite::Statement& st, int first, const IdempotencyScope& scope) {
  st.bind(first, scope.principal_id);
  st.bind(first + 1, scope.key);
}

}  // namespace

IdempotencyStore::IdempotencyStore(Db& db, const Clock& clock, std::chrono::milliseconds ttl,
                                   std::string seal_key)
    : db_(db), clock_(clock), ttl_(ttl), box_(std::move(seal_key)) {}

std::int64_t IdempotencyStore::cutoff_ms() const {
  return clock_.unix_millis() - static_cast<std::int64_t>(ttl_.count());
}

IdempotencyClaim IdempotencyStore::claim(const IdempotencyScope& scope, const IdempotentRequest& request) {
  const std::int64_t now_ms = clock_.unix_millis();
  const std::int64_t cutoff = cutoff_ms();
  return db_.write([&](Tx& tx) {
    auto& prune = tx.prepare(
        "DELETE FROM idempotency_keys WHERE rowid IN "
        "(SELECT rowid FROM idempotency_keys WHERE created_ms < ? LIMIT ?)");
    prune.bind(1, cutoff);
    prune.bind(2, kPruneBatch);
    prune.exec();

    auto& select = tx.prepare(
        "SELECT request_hash, status, response_headers, response_body, created_ms FROM idempotency_keys "
        "WHERE principal_id = ? AND key = ?");
    bind_scope(select, 1, scope);
    if (select.executeStep() && select.getColumn(4).getInt64() >= cutoff) {
      IdempotencyClaim claim;
      if (select.getColumn(0).getString() != request.fingerprint) {
        claim.kind = IdempotencyClaim::Kind::kMismatch;
        return claim;
      }
      if (select.getColumn(1).isNull()) {
        claim.kind = IdempotencyClaim::Kind::kInProgress;
        return claim;
      }
      claim.kind = IdempotencyClaim::Kind::kReplay;
      auto& res = claim.response;
      res.status = select.getColumn(1).getInt();
      const auto headers = nlohmann::json::parse(select.getColumn(2).getString());
      for (const auto& [name, value] : headers.items())
        res.headers.emplace_back(name, value.get<std::string>());
      const auto body = select.getColumn(3);
      res.body_kept = !body.isNull();
      if (res.body_kept) {
        const std::string sealed(static_cast<const char*>(body.getBlob()),
                                 static_cast<std::size_t>(body.getBytes()));
        auto opened = box_.open(sealed);
        // Only a replaced secrets directory gets here; a 500 is better than replaying nothing.
        if (!opened) throw std::runtime_error("a stored idempotent response cannot be unsealed");
        res.body = std::move(*opened);
      }
      return claim;
    }
    select.reset();

    // Absent or expired: reserve it. REPLACE drops an expired row the prune batch did not reach.
    auto& insert = tx.prepare(
        "INSERT OR REPLACE INTO idempotency_keys (principal_id, key, method, path, request_hash, created_ms) "
        "VALUES (?, ?, ?, ?, ?, ?)");
    bind_scope(insert, 1, scope);
    insert.bind(3, request.method);
    insert.bind(4, request.path);
    insert.bind(5, request.fingerprint);
    insert.bind(6, now_ms);
    insert.exec();
    return IdempotencyClaim{};
  });
}

bool IdempotencyStore::in_progress(const IdempotencyScope& scope) const {
  const std::int64_t cutoff = cutoff_ms();
  return db_.read([&](Conn& c) {
    auto& st = c.prepare(
        "SELECT 1 FROM idempotency_keys WHERE principal_id = ? AND key = ? AND status IS NULL AND created_ms "
        ">= ?");
    bind_scope(st, 1, scope);
    st.bind(3, cutoff);
    return st.executeStep();
  });
}

void IdempotencyStore::complete(const IdempotencyScope& scope, const StoredResponse& response) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : response.headers) headers[name] = value;
  const bool keep = response.body_kept && response.body.size() <= kMaxStoredBody;
  const std::string sealed = keep ? box_.seal(response.body) : std::string();
  db_.write([&](Tx& tx) {
    auto& st = tx.prepare(
        "UPDATE idempotency_keys SET status = ?, response_headers = ?, response_body = ? "
        "WHERE principal_id = ? AND key = ? AND status IS NULL");
    st.bind(1, response.status);
    st.bind(2, headers.dump());
    if (keep) {
      st.bind(3, sealed.data(), static_cast<int>(sealed.size()));
    } else {
      st.bind(3);  // NULL: the outcome is remembered, the body is not
    }
    bind_scope(st, 4, scope);
    st.exec();
  });
}

void IdempotencyStore::release(const IdempotencyScope& scope) {
  db_.write([&](Tx& tx) {
    auto& st =
        tx.prepare("DELETE FROM idempotency_keys WHERE principal_id = ? AND key = ? AND status IS NULL");
    bind_scope(st, 1, scope);
    st.exec();
  });
}

std::int64_t IdempotencyStore::clear_reservations() {
  return db_.write([&](Tx& tx) {
    return static_cast<std::int64_t>(tx.exec("DELETE FROM idempotency_keys WHERE status IS NULL"));
  });
}

}  // namespace cove::core
