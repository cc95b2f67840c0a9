#pragma once
// SQLite access. One writer connection behind a mutex (writes are short transactions) and a pool
// of reader connections (WAL lets readers run beside the writer). Callers never see raw
// connections outside these helpers, so every write is a transaction:
//
//   db.write([&](Tx& tx) { tx.exec("UPDATE ..."); outbox.emit(tx, ...); });
//   auto n = db.read([&](Conn& c) { return c.query_int("SELECT count(*) FROM apps"); });
//
// After a write commits, `on_commit` callbacks run (outside the lock), e.g. to wake the outbox
// dispatcher. Thread-safe. A write() from inside a write() on the same thread throws
// std::logic_error (it would otherwise deadlock on the writer mutex); a read() inside a write()
// uses another connection and does not see the open transaction's changes.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "core/db_row.hpp"
#include "core/page.hpp"

namespace cove::core {

struct DbOptions {
  std::filesystem::path path;
  std::string synchronous = "full";  // "full" | "normal" — full survives power loss
  int busy_timeout_ms = 5000;
  int readers = 4;  // reader connections in the pool
  // No writer connection and nothing created or changed on disk (write() throws), so tools such
  // as `cove audit verify` and `cove backup` work on a read-only data directory.
  bool read_only = false;
};

// A connection in use by one thread. Statements are cached per connection by SQL text, so hot
// queries are prepared once; SQL text must come from a bounded set (bind values, never splice
// them in), as cached statements live as long as the connection.
class Conn {
 public:
  explicit Conn(SQLite::Database& db) : db_(db) {}
  SQLite::Database& raw() { return db_; }
  // A cached, reset statement ready to bind; valid until the next call with the same SQL.
  SQLite::Statement& prepare(const std::string& sql);
  int exec(const std::string& sql);  // one or more statements without parameters; rows changed
  std::optional<std::int64_t> query_int(const std::string& sql);
  std::int64_t last_insert_rowid();

  // The statement `sql` (cached) with `args` bound in order (core/db_row.hpp); rows changed.
  template <class A0, class... A>
  int exec(const std::string& sql, const A0& arg0, const A&... args) {
    auto& st = prepare(sql);
    bind_all(st, arg0, args...);
    return st.exec();
  }
  // The first row as T, or nullopt when there is none.
  template <class T, class... A>
  std::optional<T> query_one(const std::string& sql, const A&... args) {
    auto& st = prepare(sql);
    bind_all(st, args...);
    if (!st.executeStep()) return std::nullopt;
    return db_detail::read_value<T>(st);
  }
  // The one row an aggregate answers (count, max…); throws std::logic_error without a row.
  template <class T, class... A>
  T query_value(const std::string& sql, const A&... args) {
    auto row = query_one<T>(sql, args...);
    if (!row) throw std::logic_error("query_value: no row for " + sql);
    return std::move(*row);
  }
  // Every row as T.
  template <class T, class... A>
  std::vector<T> query_all(const std::string& sql, const A&... args) {
    auto& st = prepare(sql);
    bind_all(st, args...);
    std::vector<T> out;
    while (st.executeStep()) out.push_back(db_detail::read_value<T>(st));
    return out;
  }
  // One page of a list and its total. `from_where` is the list's "FROM … WHERE …" over the filter
  // arguments (?1…?n), `page_sql` its time range, cursor condition, ORDER BY and LIMIT/OFFSET over
  // ?n+1…?n+6 (core/page.hpp); the total counts the same FROM … WHERE and range, so it cannot
  // drift from the rows' filters.
  template <class T, class... A>
  Page<T> query_page(const std::string& select, const std::string& from_where, const PageSql& page_sql,
                     const PageRequest& page, const A&... args) {
    Page<T> out;
    out.total = query_value<std::int64_t>("SELECT count(*) " + from_where + page_sql.range, args..., page);
    out.rows = query_all<T>(select + " " + from_where + page_sql.range + page_sql.order, args..., page);
    return out;
  }
  // Calls fn(Row&) for every row (large results that are not kept, or rows read into a map).
  template <class Fn, class... A>
  void for_each(const std::string& sql, Fn&& fn, const A&... args) {
    auto& st = prepare(sql);
    bind_all(st, args...);
    while (st.executeStep()) {
      Row row(st);
      fn(row);
    }
  }

 private:
  friend class Db;
  // Resets the statements handed out since the last call, so none keeps a read snapshot open
  // after the connection goes back to the pool or the transaction ends.
  void reset_statements() noexcept;

  struct Cached {
    std::unique_ptr<SQLite::Statement> stmt;
    bool in_use = false;  // handed out since the last reset_statements()
  };
  SQLite::Database& db_;
  std::unordered_map<std::string, Cached> cache_;
  std::vector<Cached*> in_use_;
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
    std::unique_lock lock = lock_writer();
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
      if (lock.owns_lock()) rollback(lock);  // commit() releases the lock only after COMMIT
      throw;
    }
  }

  // Called after every committed write transaction (outside the writer lock).
  void on_commit(std::function<void()> fn);
  const std::filesystem::path& path() const { return options_.path; }
  // Total time spent inside read/write callbacks, for /metrics.
  double busy_seconds() const;
  // SQLite online backup of the whole database into `dest` (a new file; throws if it exists).
  // Copies one consistent snapshot while writers go on; the result is a self-contained
  // rollback-journal database, written to a temp file and renamed into place.
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
  std::unique_lock<std::mutex> lock_writer();
  void begin();
  // Commits, releases `lock`, then runs after_commit callbacks and on_commit hooks; never throws
  // once COMMIT has succeeded (callback failures are logged).
  void commit(std::unique_lock<std::mutex>& lock);
  void rollback(std::unique_lock<std::mutex>& lock) noexcept;
  void end_write() noexcept;
  std::unique_ptr<SQLite::Database> open_connection(bool writer);
  std::unique_ptr<SQLite::Database> open_read_only();

  DbOptions options_;
  std::mutex writer_mutex_;
  std::atomic<std::thread::id> writer_thread_{};  // the thread inside write(), for nesting checks
  std::unique_ptr<SQLite::Database> writer_db_;
  std::unique_ptr<Tx> writer_;
  std::chrono::steady_clock::time_point write_started_;

  std::mutex readers_mutex_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SQLite::Database>> reader_dbs_;
  std::vector<std::unique_ptr<Conn>> reader_conns_;
  std::vector<Conn*> free_readers_;

  // Copy-on-write, so a commit takes a snapshot without copying the hooks.
  std::mutex hooks_mutex_;
  std::shared_ptr<const std::vector<std::function<void()>>> commit_hooks_;
  std::atomic<std::int64_t> busy_nanos_{0};
};

}  // namespace cove::core
