// `cove version`: the version, plus the library versions that matter in a bug report.
#include <openssl/opensslv.h>
#include <sqlite3.h>

#include <boost/version.hpp>
#include <iostream>

#include "app/cli.hpp"

namespace cove::app {

namespace {

int run_version(const Args&) {
  std::cout << "cove " << cove_version() << "\n"
            << "sqlite " << sqlite3_libversion() << ", " << OPENSSL_VERSION_TEXT << ", boost "
            << BOOST_VERSION / 100000 << "." << BOOST_VERSION / 100 % 1000 << "\n";
  return kExitOk;
}

}  // namespace

Command version_command() {
  Command c;
  c.name = "version";
  c.summary = "Print the version";
  c.description =
      "Prints cove's version on the first line and the versions of its main libraries on the\n"
      "second. `cove --version` is the same.";
  c.run = run_version;
  return c;
}

}  // namespace cove::app
