#include "core/db.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

#include <SQLiteCpp/Backup.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace cove::core {

namespace {

std::int64_t nanos_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
      .count();
}

void run_logged(const std::function<void()>& fn, std::string_view what) {
  try {
    fn();
  } catch (const std::exception& e) {
    log::error("callback after commit failed", {{"hook", what}, {"error", e.what()}});
  } catch (...) {
    log::error("callback after commit failed", {{"hook", what}, {"error", "unknown exception"}});
  }
}

void fsync_directory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open directory " + dir.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("fsync failed for " + dir.string());
}

}  // namespace

// --- Conn -----------------------------------------------------------------------------------

SQLite::Statement& Conn::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, Cached{std::make_unique<SQLite::Statement>(db_, sql)}).first;
  } else {
    it->second.stmt->tryReset();
    it->second.stmt->clearBindings();
  }
  if (!it->second.in_use) {
    it->second.in_use = true;
    in_use_.push_back(&it->second);
  }
  return *it->second.stmt;
}

int Conn::exec(const std::string& sql) { return db_.exec(sql); }

std::optional<std::int64_t> Conn::query_int(const std::string& sql) {
  auto& stmt = prepare(sql);
  std::optional<std::int64_t> out;
  if (stmt.executeStep() && !stmt.getColumn(0).isNull()) out = stmt.getColumn(0).getInt64();
  stmt.tryReset();
  return out;
}

std::int64_t Conn::last_insert_rowid() { return db_.getLastInsertRowid(); }

void Conn::reset_statements() noexcept {
  for (auto* cached : in_use_) {
    cached->stmt->tryReset();
    cached->in_use = false;
  }
  in_use_.clear();
}

// --- Db -------------------------------------------------------------------------------------

Db::Db(DbOptions options) : options_(std::move(options)) {
  if (options_.synchronous != "full" && options_.synchronous != "normal") {
    throw std::invalid_argument(
        fmt::format("db.synchronous must be \"full\" or \"normal\", not \"{}\"", options_.synchronous));
  }
  if (options_.readers < 1) throw std::invalid_argument("db: at least one reader connection");
  if (options_.busy_timeout_ms < 0) throw std::invalid_argument("db: negative busy timeout");
  commit_hooks_ = std::make_shared<const std::vector<std::function<void()>>>();

  // The writer first: it creates the file and switches it to WAL, which readers rely on.
  if (!options_.read_only) {
    writer_db_ = open_connection(true);
    writer_ = std::make_unique<Tx>(*writer_db_);
  }
  for (int i = 0; i < options_.readers; ++i) {
    reader_dbs_.push_back(options_.read_only ? open_read_only() : open_connection(false));
    reader_conns_.push_back(std::make_unique<Conn>(*reader_dbs_.back()));
    free_readers_.push_back(reader_conns_.back().get());
  }
}

// Statements must be finalised before their connection closes, and readers before the writer,
// whose close checkpoints the WAL.
Db::~Db() {
  reader_conns_.clear();
  reader_dbs_.clear();
  writer_.reset();
  writer_db_.reset();
}

std::unique_ptr<SQLite::Database> Db::open_connection(bool writer) {
  const int flags = writer ? (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX)
                           : (SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  auto db = std::make_unique<SQLite::Database>(options_.path.string(), flags, options_.busy_timeout_ms);
  if (writer) {
    // journal_mode is persistent in the file; the query returns the mode actually in force.
    const std::string mode = db->execAndGet("PRAGMA journal_mode=WAL").getString();
    if (mode != "wal") {
      throw std::runtime_error("cannot switch " + options_.path.string() + " to WAL (got " + mode + ")");
    }
    db->exec("PRAGMA synchronous=" + options_.synchronous);
    // After a checkpoint, shrink a WAL that a burst of writes grew, instead of keeping it.
    db->exec("PRAGMA journal_size_limit=67108864");
  }
  db->exec("PRAGMA foreign_keys=ON");
  return db;
}

// A read-only data directory (a mounted snapshot, files owned by another user) may hold no -wal
// and -shm files and forbid creating them; SQLite then cannot open the WAL database read-only,
// except as immutable — sound here, since no process can be writing to a directory that cannot
// be written. A live server's -wal/-shm files make the first, normal open work.
std::unique_ptr<SQLite::Database> Db::open_read_only() {
  const int flags = SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX | SQLite::OPEN_URI;
  std::string uri = "file:";
  for (const char c : options_.path.string()) {
    if (c == '?' || c == '#' || c == '%') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  std::unique_ptr<SQLite::Database> db;
  try {
    db = std::make_unique<SQLite::Database>(uri, flags, options_.busy_timeout_ms);
    db->execAndGet("SELECT count(*) FROM sqlite_master");  // opens the WAL index, or fails
  } catch (const SQLite::Exception&) {
    const auto dir = options_.path.parent_path().empty() ? std::filesystem::path(".") : options_.path.parent_path();
    if (::access(dir.c_str(), W_OK) == 0) throw;
    db = std::make_unique<SQLite::Database>(uri + "?immutable=1", flags, options_.busy_timeout_ms);
  }
  db->exec("PRAGMA foreign_keys=ON");
  return db;
}

Db::ReaderLease Db::acquire_reader() {
  std::unique_lock lock(readers_mutex_);
  // A free reader normally appears within microseconds; waiting longer than the busy timeout
  // means the pool is too small or a caller holds a reader while waiting for another.
  const auto limit = std::chrono::milliseconds(std::max(options_.busy_timeout_ms, 100));
  if (!readers_cv_.wait_for(lock, limit, [this] { return !free_readers_.empty(); })) {
    throw std::runtime_error(
        fmt::format("db: all {} reader connections stayed busy for {} ms", options_.readers, limit.count()));
  }
  Conn* conn = free_readers_.back();
  free_readers_.pop_back();
  return ReaderLease{this, conn, std::chrono::steady_clock::now()};
}

Db::ReaderLease::~ReaderLease() { db->release_reader(conn, started); }

void Db::release_reader(Conn* conn, std::chrono::steady_clock::time_point started) {
  busy_nanos_.fetch_add(nanos_since(started), std::memory_order_relaxed);
  conn->reset_statements();
  {
    std::lock_guard lock(readers_mutex_);
    free_readers_.push_back(conn);
  }
  readers_cv_.notify_one();
}

std::unique_lock<std::mutex> Db::lock_writer() {
  if (!writer_) throw std::logic_error("Db::write on a database opened read-only");
  if (writer_thread_.load(std::memory_order_relaxed) == std::this_thread::get_id()) {
    throw std::logic_error("Db::write called inside a write on the same thread");
  }
  std::unique_lock lock(writer_mutex_);
  writer_thread_.store(std::this_thread::get_id(), std::memory_order_relaxed);
  return lock;
}

void Db::begin() {
  write_started_ = std::chrono::steady_clock::now();
  try {
    // IMMEDIATE takes the write lock now, so another process's writer makes us wait (busy
    // timeout) here rather than fail with SQLITE_BUSY halfway through the transaction.
    writer_db_->exec("BEGIN IMMEDIATE");
  } catch (...) {
    end_write();
    throw;
  }
}

void Db::commit(std::unique_lock<std::mutex>& lock) {
  writer_->reset_statements();
  writer_db_->exec("COMMIT");
  auto callbacks = std::move(writer_->after_commit_);
  writer_->after_commit_.clear();
  end_write();
  lock.unlock();

  std::shared_ptr<const std::vector<std::function<void()>>> hooks;
  {
    std::lock_guard hooks_lock(hooks_mutex_);
    hooks = commit_hooks_;
  }
  for (const auto& fn : callbacks) run_logged(fn, "tx.after_commit");
  for (const auto& fn : *hooks) run_logged(fn, "db.on_commit");
}

void Db::rollback(std::unique_lock<std::mutex>& lock) noexcept {
  writer_->reset_statements();
  // Fails harmlessly when SQLite already rolled back on its own (e.g. after SQLITE_FULL).
  writer_db_->tryExec("ROLLBACK");
  writer_->after_commit_.clear();
  end_write();
  lock.unlock();
}

void Db::end_write() noexcept {
  busy_nanos_.fetch_add(nanos_since(write_started_), std::memory_order_relaxed);
  writer_thread_.store(std::thread::id{}, std::memory_order_relaxed);
}

void Db::on_commit(std::function<void()> fn) {
  std::lock_guard lock(hooks_mutex_);
  auto next = std::make_shared<std::vector<std::function<void()>>>(*commit_hooks_);
  next->push_back(std::move(fn));
  commit_hooks_ = std::move(next);
}

double Db::busy_seconds() const {
  return static_cast<double>(busy_nanos_.load(std::memory_order_relaxed)) / 1e9;
}

void Db::backup_to(const std::filesystem::path& dest) {
  if (std::filesystem::exists(dest)) {
    throw std::runtime_error("backup target already exists: " + dest.string());
  }
  const auto dir = dest.parent_path().empty() ? std::filesystem::path(".") : dest.parent_path();
  const auto temp =
      dir / fmt::format(".{}.tmp-{}", dest.filename().string(), crypto::hex(crypto::random_bytes(6)));
  try {
    {
      SQLite::Database out(temp.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      out.exec("PRAGMA synchronous=FULL");
      read([&](Conn& conn) {
        SQLite::Backup backup(out, conn.raw());
        // One step copies everything under a single read transaction: a consistent snapshot,
        // and in WAL mode writers are not held up while it runs.
        while (backup.executeStep(-1) != SQLITE_DONE) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      });
      // The copy inherits WAL mode; a backup should be one self-contained file.
      out.exec("PRAGMA journal_mode=DELETE");
    }
    std::filesystem::rename(temp, dest);
    fsync_directory(dir);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    std::filesystem::remove(temp.string() + "-journal", ignored);
    throw;
  }
}

}  // namespace cove::core
