// `cove migrate`: applies pending schema migrations and exits (DESIGN.md §5).
#include <iostream>

#include <fmt/format.h>

#include "app/cli.hpp"
#include "app/data_dir.hpp"
#include "core/migrate.hpp"

namespace cove::app {

namespace {

int run_migrate(const Args& args) {
  const core::Config config = load_command_config(args);
  configure_logging(config);
  const DataPaths paths{config.data_dir};
  // Migrating under a running server would change the schema beneath it.
  const DataDirLock lock = DataDirLock::acquire(paths.root);
  core::DbOptions options;
  options.path = paths.db();
  options.synchronous = config.db.synchronous;
  options.busy_timeout_ms = config.db.busy_timeout_ms;
  options.readers = 1;
  core::Db db(options);
  const core::MigrationStatus status = core::apply_migrations(db, embedded_migrations::files());
  for (const auto& name : status.applied_now) std::cout << "applied " << name << "\n";
  std::cout << fmt::format("{} applied now; database {} is up to date ({} migrations)\n",
                           status.applied_now.size(), paths.db().string(), status.total);
  return kExitOk;
}

}  // namespace

Command migrate_command() {
  Command c;
  c.name = "migrate";
  c.summary = "Apply database migrations and exit";
  c.description =
      "Creates the database if needed and applies every pending migration in one transaction,\n"
      "then prints what was applied. Running it again is harmless. `cove serve` migrates at\n"
      "start too; this command is for upgrading ahead of time. Refused while a server is using\n"
      "the data directory.";
  c.flags = data_flags();
  c.run = run_migrate;
  return c;
}

}  // namespace cove::app
