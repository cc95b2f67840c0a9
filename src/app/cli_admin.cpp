// `cove admin create-operator`: creates a platform operator from the command line — the first
// one when COVE_ADMIN_EMAIL/COVE_ADMIN_PASSWORD were not used, or another admin when nobody who
// can sign in is left. The password comes from standard input, so it never appears in the process
// list or the shell history.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "app/cli.hpp"
#include "app/data_dir.hpp"
#include "core/audit_log.hpp"
#include "core/migrate.hpp"
#include "modules/accounts/operator_service.hpp"
#include "modules/accounts/settings_service.hpp"

namespace cove::app {

namespace {

// Turns terminal echo off for its lifetime (no-op when stdin is not a terminal).
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::string read_line(const char* prompt, bool tty) {
  std::string line;
  if (tty) {
    std::cerr << prompt << std::flush;
    const EchoOff quiet;
    std::getline(std::cin, line);
    std::cerr << "\n";
  } else {
    std::getline(std::cin, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// From a terminal: asked twice without echo. Otherwise: the first line of standard input.
std::string read_password() {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  const std::string password = read_line("Password for the new operator: ", tty);
  if (password.empty()) throw std::runtime_error("no password given on standard input");
  if (tty && read_line("Repeat the password: ", tty) != password) {
    throw std::runtime_error("the two passwords differ");
  }
  return password;
}

int run_admin(const Args& args) {
  if (args.positional.front() != "create-operator") {
    throw UsageError(fmt::format("unknown admin subcommand \"{}\"", args.positional.front()));
  }
  const auto email = args.value("email");
  const auto name = args.value("name");
  if (!email || email->empty()) throw UsageError("--email is required");
  if (!name || name->empty()) throw UsageError("--name is required");
  const std::string role = args.value("role").value_or("platform_admin");

  const core::Config config = load_command_config(args);
  configure_logging(config);
  const DataPaths paths{config.data_dir};
  // A running server caches settings and sessions; operators are managed through it instead.
  const DataDirLock lock = DataDirLock::acquire(paths.root);
  const std::string password = read_password();

  core::DbOptions options;
  options.path = paths.db();
  options.synchronous = config.db.synchronous;
  options.busy_timeout_ms = config.db.busy_timeout_ms;
  options.readers = 1;
  core::Db db(options);
  core::apply_migrations(db, embedded_migrations::files());
  const core::SystemClock clock;
  core::AuditLog audit(clock);
  const accounts::SettingsService settings(db, audit, clock);
  accounts::OperatorService operators(db, audit, clock, settings, {.log_n = static_cast<int>(config.integer("security.passwordHashLogN"))});
  try {
    // The person at the keyboard chose this password, so it need not be changed at first sign-in.
    const auto created = operators.create(
        core::Actor::system("cli"),
        {.email = *email, .name = *name, .role = role, .password = password, .must_change_password = false});
    std::cout << fmt::format("operator created: {} {} ({})\n", created.user.id, created.user.email, role);
    return kExitOk;
  } catch (const core::Error& e) {
    std::cerr << "cove admin: " << accounts::describe_error(e) << "\n";
    return kExitFailure;
  }
}

}  // namespace

Command admin_command() {
  Command c;
  c.name = "admin";
  c.arguments = "create-operator";
  c.summary = "Create a platform operator";
  c.description =
      "`cove admin create-operator --email E --name N [--role R]` creates a platform operator\n"
      "(role platform_admin, the default, or platform_reviewer). The password is read from\n"
      "standard input: asked twice without echo on a terminal, else the first line (e.g.\n"
      "`printf '%s\\n' \"$PW\" | cove admin create-operator …`). It must meet the password policy.\n"
      "Refused while a server is using the data directory.";
  c.flags = data_flags();
  c.flags.insert(c.flags.begin(),
                 {FlagSpec{"email", "EMAIL", "Email address the operator signs in with"},
                  FlagSpec{"name", "NAME", "Display name"},
                  FlagSpec{"role", "ROLE", "platform_admin (default) or platform_reviewer"}});
  c.min_args = 1;
  c.max_args = 1;
  c.run = run_admin;
  return c;
}

}  // namespace cove::app
