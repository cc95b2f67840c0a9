#include "app/cli.hpp"

#include "app/module_list.hpp"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "core/log.hpp"

namespace cove::app {

// The commands, in the order `cove help` lists them. Each is defined in cli_<name>.cpp; adding a
// command is adding its file and one row here.
Command serve_command();
Command migrate_command();
Command backup_command();
Command restore_command();
Command audit_command();
Command admin_command();
Command search_command();
Command publish_command();
Command version_command();

namespace {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      serve_command(),   migrate_command(), backup_command(),
      restore_command(), audit_command(),   admin_command(),
      search_command(),  publish_command(), version_command(),
  };
  return table;
}

const Command* find_command(std::string_view name) {
  for (const auto& c : commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

void print_overview(std::ostream& out) {
  out << "cove " << cove_version() << " - a self-hosted mini-program platform in one binary\n\n"
      << "Usage: cove <command> [arguments] [flags]\n\nCommands:\n";
  for (const auto& c : commands()) out << fmt::format("  {:<10}{}\n", c.name, c.summary);
  out << fmt::format("  {:<10}{}\n", "help", "Show help for a command")
      << "\nRun 'cove help <command>' or 'cove <command> --help' for its flags.\n"
      << "Exit status: 0 success, 1 failure, 2 usage error.\n";
}

void print_usage(std::ostream& out, const Command& c) {
  out << "Usage: cove " << c.name;
  if (!c.arguments.empty()) out << ' ' << c.arguments;
  out << " [flags]\n\n" << c.description << "\n\nFlags:\n";
  const auto label = [](const FlagSpec& f) {
    return f.value_name.empty() ? fmt::format("--{}", f.name) : fmt::format("--{} {}", f.name, f.value_name);
  };
  std::size_t width = std::string_view("-h, --help").size();
  for (const auto& f : c.flags) width = std::max(width, label(f).size());
  for (const auto& f : c.flags) out << fmt::format("  {:<{}}  {}\n", label(f), width, f.help);
  out << fmt::format("  {:<{}}  {}\n", "-h, --help", width, "Show this help");
}

const FlagSpec* find_flag(const Command& c, std::string_view name) {
  for (const auto& f : c.flags) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// Hand-written on purpose: a dozen flags do not justify a dependency. Accepts "--name value",
// "--name=value", switches, "--" to end flags, and flags before or after arguments.
Args parse_args(const Command& c, const std::vector<std::string>& tokens, bool& help) {
  Args args;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "--") {
      args.positional.insert(args.positional.end(), tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                             tokens.end());
      break;
    }
    if (t == "-h" || t == "--help") {
      help = true;
      continue;
    }
    if (!t.starts_with("-") || t == "-") {
      args.positional.push_back(t);
      continue;
    }
    if (!t.starts_with("--")) throw UsageError(fmt::format("unknown flag {}", t));
    const auto eq = t.find('=');
    const std::string name = t.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const FlagSpec* spec = find_flag(c, name);
    if (spec == nullptr) throw UsageError(fmt::format("unknown flag --{}", name));
    if (spec->value_name.empty()) {
      if (eq != std::string::npos) throw UsageError(fmt::format("--{} takes no value", name));
      args.flags[name] = "";
    } else if (eq != std::string::npos) {
      args.flags[name] = t.substr(eq + 1);
    } else if (i + 1 < tokens.size()) {
      args.flags[name] = tokens[++i];
    } else {
      throw UsageError(fmt::format("--{} needs a value ({})", name, spec->value_name));
    }
  }
  if (help) return args;
  if (args.positional.size() < c.min_args) {
    throw UsageError(fmt::format("missing argument {}", c.arguments));
  }
  if (args.positional.size() > c.max_args) {
    throw UsageError(fmt::format("unexpected argument \"{}\"", args.positional[c.max_args]));
  }
  return args;
}

int usage_error(const std::string& message, const Command* c) {
  std::cerr << "cove: " << message << "\n\n";
  if (c != nullptr) {
    print_usage(std::cerr, *c);
  } else {
    print_overview(std::cerr);
  }
  return kExitUsage;
}

int run_command(const Command& c, const std::vector<std::string>& tokens) {
  bool help = false;
  Args args;
  try {
    args = parse_args(c, tokens, help);
  } catch (const UsageError& e) {
    return usage_error(e.what(), &c);
  }
  if (help) {
    print_usage(std::cout, c);
    return kExitOk;
  }
  try {
    return c.run(args);
  } catch (const UsageError& e) {
    return usage_error(e.what(), &c);
  }
}

}  // namespace

std::optional<std::string> Args::value(std::string_view flag) const {
  const auto it = flags.find(flag);
  if (it == flags.end()) return std::nullopt;
  return it->second;
}

std::vector<FlagSpec> data_flags() {
  return {
      {"data", "DIR", "Data directory (default ./data; config key data.dir)"},
      {"config", "FILE", "Configuration file, JSON with comments (default $COVE_CONFIG, else none)"},
  };
}

core::Config load_command_config(const Args& args) {
  core::ConfigSources sources;
  if (auto file = args.value("config")) {
    sources.file = *file;
  } else if (const char* env = std::getenv("COVE_CONFIG"); env != nullptr && *env != '\0') {
    sources.file = env;
  }
  sources.env = core::environment_variables();
  if (auto data = args.value("data")) sources.flags["data.dir"] = *data;
  if (auto listen = args.value("listen")) sources.flags["http.listen"] = *listen;
  return load_app_config(sources);
}

void configure_logging(const core::Config& config) {
  core::log::Level level = core::log::Level::kInfo;
  core::log::parse_level(config.log.level, level);
  core::log::configure(level,
                       config.log.format == "json" ? core::log::Format::kJson : core::log::Format::kText);
}

core::DbOptions existing_db_options(const core::Config& config) {
  core::DbOptions options;
  options.path = config.data_dir / "cove.db";
  if (!std::filesystem::is_regular_file(options.path)) {
    throw std::runtime_error(fmt::format("no database at {} (wrong --data?)", options.path.string()));
  }
  options.synchronous = config.db.synchronous;
  options.busy_timeout_ms = config.db.busy_timeout_ms;
  options.readers = 1;
  options.read_only = true;  // audit verify and backup only read: a read-only data dir is fine
  return options;
}

std::string human_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", value, units[unit]);
}

std::string_view cove_version() { return COVE_VERSION; }

int run_cli(int argc, char** argv) {
  const std::vector<std::string> tokens(argv + std::min(argc, 1), argv + argc);
  if (tokens.empty()) return usage_error("no command given", nullptr);
  const std::string& name = tokens.front();
  const std::vector<std::string> rest(tokens.begin() + 1, tokens.end());

  if (name == "help" || name == "--help" || name == "-h") {
    if (rest.empty()) {
      print_overview(std::cout);
      return kExitOk;
    }
    if (const Command* c = find_command(rest.front())) {
      print_usage(std::cout, *c);
      return kExitOk;
    }
    return usage_error(fmt::format("unknown command \"{}\"", rest.front()), nullptr);
  }
  if (name == "--version") return run_command(*find_command("version"), rest);
  const Command* command = find_command(name);
  if (command == nullptr) return usage_error(fmt::format("unknown command \"{}\"", name), nullptr);

  // Every failure ends here as one line: no exception escapes to std::terminate.
  try {
    const int code = run_command(*command, rest);
    core::log::flush();
    return code;
  } catch (const std::exception& e) {
    core::log::flush();
    std::cerr << "cove " << command->name << ": " << e.what() << "\n";
  } catch (...) {
    core::log::flush();
    std::cerr << "cove " << command->name << ": unexpected error\n";
  }
  return kExitFailure;
}

}  // namespace cove::app
