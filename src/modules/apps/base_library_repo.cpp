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

namespace base_library_repo {

namespace {

constexpr const char* kSelect =
    "SELECT version, major, minor, patch, status, notes, created_ms, updated_ms FROM base_libraries";

BaseLibrary read(SQLite::Statement& st) {
  return {st.getColumn(0).getString(), st.getColumn(1).getInt64(),  st.getColumn(2).getInt64(),
          st.getColumn(3).getInt64(),  st.getColumn(4).getString(), st.getColumn(5).getString(),
          st.getColumn(6).getInt64(),  st.getColumn(7).getInt64()};
}

}  // namespace

std::optional<BaseLibrary> find(core::Conn& c, const std::string& version) {
  auto& st = c.prepare(std::string(kSelect) + " WHERE version = ?");
  st.bind(1, version);
  if (!st.executeStep()) return std::nullopt;
  return read(st);
}

std::vector<BaseLibrary> list(core::Conn& c) {
  auto& st = c.prepare(std::string(kSelect) + " ORDER BY major DESC, minor DESC, patch DESC");
  std::vector<BaseLibrary> out;
  while (st.executeStep()) out.push_back(read(st));
  return out;
}

std::int64_t count(core::Conn& c) { return c.query_int("SELECT count(*) FROM base_libraries").value_or(0); }

void insert(core::Tx& tx, const BaseLibrary& b) {
  auto& st = tx.prepare(
      "INSERT INTO base_libraries(version, major, minor, patch, status, notes, created_ms, updated_ms) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, b.version);
  st.bind(2, b.major);
  st.bind(3, b.minor);
  st.bind(4, b.patch);
  st.bind(5, b.status);
  st.bind(6, b.notes);
  st.bind(7, b.created_ms);
  st.bind(8, b.updated_ms);
  st.exec();
}

void update(core::Tx& tx, const BaseLibrary& b) {
  auto& st = tx.prepare("UPDATE base_libraries SET status = ?, notes = ?, updated_ms = ? WHERE version = ?");
  st.bind(1, b.status);
  st.bind(2, b.notes);
  st.bind(3, b.updated_ms);
  st.bind(4, b.version);
  st.exec();
}

void remove(core::Tx& tx, const std::string& version) {
  auto& st = tx.prepare("DELETE FROM base_libraries WHERE version = ?");
  st.bind(1, version);
  st.exec();
}

}  // namespace base_library_repo
}  // namespace cove::apps
