// `cove search reindex`: rebuilds the search index (docs/search.md) with the server stopped —
// after a restore, or to measure a rebuild. A running server rebuilds through
// POST /api/v1/platform/search/reindex instead (and at start when the index is missing or old).
#include <iostream>

#include <fmt/format.h>

#include "app/app.hpp"
#include "app/cli.hpp"
#include "modules/search/search_module.hpp"

namespace cove::app {

namespace {

int run_search(const Args& args) {
  if (args.positional.front() != "reindex") {
    throw UsageError(fmt::format("unknown search subcommand \"{}\"", args.positional.front()));
  }
  core::Config config = load_command_config(args);
  configure_logging(config);
  // Builds the application without serving: the data directory's lock keeps a server out.
  App app(std::move(config));
  auto* search = app.find_module<search::SearchModule>();
  if (!search) throw std::runtime_error("this build has no search module");
  const auto r = search->reindex_now();
  std::cout << fmt::format("search index rebuilt: {} mini-programs indexed, {} stale documents removed, {} ms\n",
                           r.documents, r.removed, r.millis);
  return kExitOk;
}

}  // namespace

Command search_command() {
  Command c;
  c.name = "search";
  c.arguments = "reindex";
  c.summary = "Rebuild the search index and exit";
  c.description =
      "`cove search reindex` rebuilds the full-text index of the mini-programs (names, tags,\n"
      "descriptions, page titles; pinyin and traditional characters folded) from the database,\n"
      "in batches, and prints how many were indexed and how long it took. Refused while a server\n"
      "is using the data directory; a running server rebuilds through\n"
      "POST /api/v1/platform/search/reindex, and by itself at start when the index is missing.";
  c.flags = data_flags();
  c.min_args = 1;
  c.max_args = 1;
  c.run = run_search;
  return c;
}

}  // namespace cove::app
