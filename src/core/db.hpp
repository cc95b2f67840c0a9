#pragma once
// SQLite access. One writer connection behind a mutex (writes are short transactions) and a pool
// of reader connections (WAL lets readers run beside the writer). Callers never see raw
// connections outside these helpers, so every write is a transaction:
//
//   db.write([&](Tx& tx) { tx.exec("UPDATE ..."); outbox.emit(tx, ...); });
//   auto n = db.read([&](Conn& c) { return c.query_int("SELECT count(*) FROM apps"); });
//
// After a write commits, `on_commit` callbacks run (outside the lock), e.g. to wake the outbox
// dispatcher. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace cove::core {

struct DbOptions {
  std::filesystem::path path;
  std::string synchronous = "full";  // "full" | "normal" — full survives power loss
  int busy_timeout_ms = 5000;
  int readers = 4;                    // reader connections in the pool
};

// A connection in use by one thread. Statements are cached per connection by SQL text, so hot
// queries are prepared once.
class Conn {
 public:
  explicit Conn(SQLite::Database& db) : db_(db) {}
  SQLite::Database& raw() { return db_; }
  // A cached, reset statement ready to bind; valid until the next call with the same SQL.
  SQLite::Statement& prepare(const std::string& sql);
  int exec(const std::string& sql);  // returns rows changed
  std::optional<std::int64_t> query_int(const std::string& sql);
  std::int64_t last_insert_rowid();

 private:
  friend class Db;
  SQLite::Database& db_;
  std::vector<std::pair<std::string, std::unique_ptr<SQLite::Statement>>> cache_;
};

// The writer connection inside BEGIN IMMEDIATE … COMMIT. Hooks registered with after_commit()
// run only if the transaction commits.
class Tx : public Conn {
 public:
  using Conn::Conn;
  void after_commit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

 private:
  friend class Db;
  std::vector<std::function<void()>> after_commit_;
};

class Db {
 public:
  explicit Db(DbOptions options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  template <class F>
  auto read(F&& fn) -> decltype(fn(std::declval<Conn&>())) {
    auto lease = acquire_reader();
    return fn(*lease.conn);
  }

  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<Tx&>())) {
    std::unique_lock lock(writer_mutex_);
    begin();
    try {
      if constexpr (std::is_void_v<decltype(fn(std::declval<Tx&>()))>) {
        fn(*writer_);
        commit(lock);
      } else {
        auto result = fn(*writer_);
        commit(lock);
        return result;
      }
    } catch (...) {
      rollback();
      throw;
    }
  }

  // Called after every committed write transaction (outside the writer lock).
  void on_commit(std::function<void()> fn);
  const std::filesystem::path& path() const { return options_.path; }
  // Total time spent inside read/write callbacks, for /metrics.
  double busy_seconds() const;
  // SQLite online backup of the whole database into `dest` (a new file).
  void backup_to(const std::filesystem::path& dest);

 private:
  struct ReaderLease {
    Db* db;
    Conn* conn;
    std::chrono::steady_clock::time_point started;
    ~ReaderLease();
  };
  ReaderLease acquire_reader();
  void release_reader(Conn* conn, std::chrono::steady_clock::time_point started);
  void begin();
  void commit(std::unique_lock<std::mutex>& lock);
  void rollback();
  std::unique_ptr<SQLite::Database> open_connection(bool writer);

  DbOptions options_;
  std::mutex writer_mutex_;
  std::unique_ptr<SQLite::Database> writer_db_;
  std::unique_ptr<Tx> writer_;
  std::chrono::steady_clock::time_point write_started_;

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SQLite::Database>> reader_dbs_;
  std::vector<std::unique_ptr<Conn>> reader_conns_;
  std::vector<Conn*> free_readers_;

  std::mutex hooks_mutex_;
  std::vector<std::function<void()>> commit_hooks_;
  std::atomic<std::int64_t> busy_nanos_{0};
};

}  // namespace cove::core
