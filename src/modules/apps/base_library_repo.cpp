#include "modules/apps/base_library_repo.hpp"

#include "core/clock.hpp"

namespace cove::apps {

nlohmann::json to_json(const BaseLibrary& b) {
  return {{"version", b.version},
          {"status", b.status},
          {"notes", b.notes},
          {"createdAt", core::format_rfc3339_millis(b.created_ms)},
          {"updatedAt", core::format_rfc3339_millis(b.updated_ms)}};
}

void read_row(core::Row& r, BaseLibrary& b) {
  r.read(b.version, b.major, b.minor, b.patch, b.status, b.notes, b.created_ms, b.updated_ms);
}

namespace base_library_repo {

namespace {
const std::string kSelect =
    "SELECT version, major, minor, patch, status, notes, created_ms, updated_ms FROM base_libraries";
}  // namespace

std::optional<BaseLibrary> find(core::Conn& c, const std::string& version) {
  return c.query_one<BaseLibrary>(kSelect + " WHERE version = ?", version);
}

std::vector<BaseLibrary> list(core::Conn& c) {
  return c.query_all<BaseLibrary>(kSelect + " ORDER BY major DESC, minor DESC, patch DESC");
}

std::int64_t count(core::Conn& c) { return c.query_value<std::int64_t>("SELECT count(*) FROM base_libraries"); }

void insert(core::Tx& tx, const BaseLibrary& b) {
  tx.exec(
      "INSERT INTO base_libraries(version, major, minor, patch, status, notes, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
      b.version, b.major, b.minor, b.patch, b.status, b.notes, b.created_ms, b.updated_ms);
}

void update(core::Tx& tx, const BaseLibrary& b) {
  tx.exec("UPDATE base_libraries SET status = ?, notes = ?, updated_ms = ? WHERE version = ?", b.status, b.notes,
          b.updated_ms, b.version);
}

void remove(core::Tx& tx, const std::string& version) { tx.exec("DELETE FROM base_libraries WHERE version = ?", version); }

}  // namespace base_library_repo
}  // namespace cove::apps
