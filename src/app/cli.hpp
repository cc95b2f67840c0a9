#pragma once
// The command line: `cove <command> [arguments] [flags]`. Each command lives in cli_<name>.cpp
// and is one row of the table in cli.cpp; this header is what the commands share.
//
// Exit codes: 0 success, 1 failure (one line on stderr), 2 usage error (usage on stderr).
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/db.hpp"

namespace cove::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// A mistake in how the command was called: reported with the command's usage, exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FlagSpec {
  std::string_view name;        // "data" for --data
  std::string_view value_name;  // "DIR"; empty for a switch such as --force
  std::string_view help;
};

// A parsed command line: positional arguments and the flags given (switches map to "").
class Args {
 public:
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> flags;

  bool has(std::string_view flag) const { return flags.contains(flag); }
  std::optional<std::string> value(std::string_view flag) const;
};

struct Command {
  std::string_view name;
  std::string_view arguments;    // shown after the name in usage: "FILE", "verify"
  std::string_view summary;      // one line in `cove help`
  std::string_view description;  // the body of `cove <command> --help`
  std::vector<FlagSpec> flags;
  std::size_t min_args = 0;
  std::size_t max_args = 0;
  int (*run)(const Args&) = nullptr;
};

int run_cli(int argc, char** argv);

// --- helpers shared by the commands ---------------------------------------------------------

// --data and --config, which every command touching a data directory takes.
std::vector<FlagSpec> data_flags();
// The configuration for a command: defaults < --config FILE (or $COVE_CONFIG) < COVE_* variables
// < flags (--data → data.dir, --listen → http.listen).
core::Config load_command_config(const Args& args);
// Applies log.level / log.format.
void configure_logging(const core::Config& config);
// Opens an existing database read-only for a maintenance command (audit verify, backup); throws
// when there is none, so a typo in --data does not silently create an empty database.
core::DbOptions existing_db_options(const core::Config& config);
// "1.5 MiB"
std::string human_bytes(std::uint64_t bytes);

std::string_view cove_version();

}  // namespace cove::app
