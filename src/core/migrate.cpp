#include "core/migrate.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"

namespace cove::core {

namespace {

struct Migration {
  int version = 0;
  std::string name;
  std::string_view sql;
  std::string checksum;  // SHA-256 hex of the text, computed here so edited text is always seen
};

struct Applied {
  std::string name;
  std::string checksum;
};

bool all_of_class(std::string_view s, bool allow_underscore) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (allow_underscore && c == '_');
  });
}

// ^\d{4}_[a-z0-9]+_[a-z0-9_]+\.sql$ ; returns the version, or -1 when the name does not match.
int parse_version(std::string_view name) {
  constexpr std::string_view kExt = ".sql";
  if (name.size() < 5 + kExt.size() || !name.ends_with(kExt) || name[4] != '_') return -1;
  int version = 0;
  for (char c : name.substr(0, 4)) {
    if (c < '0' || c > '9') return -1;
    version = version * 10 + (c - '0');
  }
  const std::string_view rest = name.substr(5, name.size() - 5 - kExt.size());
  const auto sep = rest.find('_');
  if (sep == std::string_view::npos) return -1;
  if (!all_of_class(rest.substr(0, sep), false) || !all_of_class(rest.substr(sep + 1), true)) {
    return -1;
  }
  return version;
}

std::vector<Migration> parse_files(std::span<const EmbeddedFile> files) {
  std::vector<Migration> out;
  for (const auto& f : files) {
    const int version = parse_version(f.path);
    if (version < 0) {
      throw MigrationError(fmt::format(
          "migration file name \"{}\" does not match NNNN_<module>_<what>.sql (lowercase)", f.path));
    }
    out.push_back({version, std::string(f.path), f.data, crypto::sha256_hex(f.data)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].version == out[i - 1].version) {
      throw MigrationError(
          fmt::format("migrations {} and {} have the same number", out[i - 1].name, out[i].name));
    }
  }
  return out;
}

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
    " applied_at TEXT NOT NULL) STRICT";

std::map<int, Applied> load_applied(Conn& conn) {
  std::map<int, Applied> out;
  auto& stmt = conn.prepare("SELECT version, name, checksum FROM schema_migrations");
  while (stmt.executeStep()) {
    out.emplace(stmt.getColumn(0).getInt(),
                Applied{stmt.getColumn(1).getString(), stmt.getColumn(2).getString()});
  }
  return out;
}

// Throws unless every applied migration is known to this binary with unchanged text.
void check_applied(const std::map<int, Applied>& applied, const std::vector<Migration>& known) {
  for (const auto& [version, row] : applied) {
    const int wanted = version;  // clang 14 cannot capture structured bindings
    const auto it =
        std::find_if(known.begin(), known.end(), [&](const Migration& m) { return m.version == wanted; });
    if (it == known.end()) {
      throw MigrationError(
          fmt::format("the database has migration {} which this binary does not know: the data directory "
                      "was used by a newer Cove; run that version or restore a backup",
                      row.name));
    }
    if (it->name != row.name) {
      throw MigrationError(
          fmt::format("migration {:04} was applied as {} but this binary has it "
                      "as {}; applied migrations must not be renamed",
                      version, row.name, it->name));
    }
    if (it->checksum != row.checksum) {
      throw MigrationError(
          fmt::format("migration {} was edited after being applied (checksum {} in the database, {} now); "
                      "restore its original text and put the change in a new migration",
                      it->name, row.checksum, it->checksum));
    }
  }
}

}  // namespace

MigrationStatus apply_migrations(Db& db, std::span<const EmbeddedFile> files) {
  const auto known = parse_files(files);
  MigrationStatus status;
  status.total = static_cast<int>(known.size());
  db.write([&](Tx& tx) {
    tx.exec(kCreateTable);
    const auto applied = load_applied(tx);
    check_applied(applied, known);
    const std::string now = format_rfc3339(std::chrono::system_clock::now());
    for (const auto& m : known) {
      if (applied.contains(m.version)) continue;
      try {
        tx.exec(std::string(m.sql));
      } catch (const std::exception& e) {
        throw MigrationError(fmt::format("migration {} failed: {}", m.name, e.what()));
      }
      // A COMMIT inside the file would split the all-or-nothing upgrade.
      if (sqlite3_get_autocommit(tx.raw().getHandle()) != 0) {
        throw MigrationError(
            fmt::format("migration {} ended the transaction; migrations must "
                        "not contain BEGIN/COMMIT",
                        m.name));
      }
      auto& insert = tx.prepare(
          "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)");
      insert.bind(1, m.version);
      insert.bind(2, m.name);
      insert.bind(3, m.checksum);
      insert.bind(4, now);
      insert.exec();
      status.applied_now.push_back(m.name);
    }
  });
  if (!status.applied_now.empty()) {
    log::info("migrations applied",
              {{"count", std::to_string(status.applied_now.size())}, {"last", status.applied_now.back()}});
  }
  return status;
}

bool migrations_current(Db& db, std::span<const EmbeddedFile> files) {
  const auto known = parse_files(files);
  return db.read([&](Conn& conn) {
    const auto exists = conn.query_int(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
    if (exists.value_or(0) == 0) return known.empty();
    const auto applied = load_applied(conn);
    if (applied.size() != known.size()) return false;
    return std::all_of(known.begin(), known.end(), [&](const Migration& m) {
      const auto it = applied.find(m.version);
      return it != applied.end() && it->second.name == m.name && it->second.checksum == m.checksum;
    });
  });
}

}  // namespace cove::core
