// `cove audit verify`: checks the operation log's hash chain (DESIGN.md §5).
#include <iostream>

#include <fmt/format.h>

#include "app/cli.hpp"
#include "core/audit_log.hpp"
#include "core/migrate.hpp"

namespace cove::app {

namespace {

int run_audit(const Args& args) {
  if (args.positional.front() != "verify") {
    throw UsageError(fmt::format("unknown audit subcommand \"{}\"", args.positional.front()));
  }
  const core::Config config = load_command_config(args);
  configure_logging(config);
  // Read-only, so it needs no lock and may run beside a live server.
  core::Db db(existing_db_options(config));
  if (!core::migrations_current(db, embedded_migrations::files())) {
    throw std::runtime_error(
        "the database schema does not match this cove version; run `cove migrate` first");
  }
  const core::AuditVerifyResult result = core::AuditLog::verify(db);
  if (!result.ok) {
    std::cerr << fmt::format(
        "cove audit: operation log verification FAILED at entry {}: {} ({} entries checked)\n",
        result.first_bad_id ? std::to_string(*result.first_bad_id) : "?", result.reason, result.entries);
    return kExitFailure;
  }
  std::cout << fmt::format("operation log OK: {} entries verified\n", result.entries);
  return kExitOk;
}

}  // namespace

Command audit_command() {
  Command c;
  c.name = "audit";
  c.arguments = "verify";
  c.summary = "Verify the operation log's hash chain";
  c.description =
      "`cove audit verify` recomputes the hash chain of the operation log (操作日志). Each entry\n"
      "carries the hash of the one before it, so an edited or deleted row breaks the chain from\n"
      "there on. Prints the number of entries verified, or the first bad entry's id and why, and\n"
      "exits 1 on a broken chain. Safe to run while the server is running.";
  c.flags = data_flags();
  c.min_args = 1;
  c.max_args = 1;
  c.run = run_audit;
  return c;
}

}  // namespace cove::app
