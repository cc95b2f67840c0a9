#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/secrets.hpp"
#include "support/temp_dir.hpp"

using cove::core::SecretStore;
namespace fs = std::filesystem;

namespace {

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("secrets: keys are created private and stay the same", "[core][secrets]") {
  cove::test::TempDir dir;
  const auto secrets_dir = dir / "data" / "secrets";
  std::string key;
  {
    SecretStore store(secrets_dir);
    CHECK(mode_of(secrets_dir) == 0700);
    CHECK_FALSE(store.exists("jwt.key"));
    key = store.random_key("jwt.key");
    CHECK(key.size() == 32);
    CHECK(store.exists("jwt.key"));
    CHECK(mode_of(secrets_dir / "jwt.key") == 0600);
    CHECK(store.random_key("jwt.key") == key);
    CHECK(store.random_key("other-key") != key);
  }
  SecretStore reopened(secrets_dir);
  CHECK(reopened.random_key("jwt.key") == key);
  // No temp files are left behind.
  CHECK(std::distance(fs::directory_iterator(secrets_dir), fs::directory_iterator()) == 2);
}

TEST_CASE("secrets: the generator runs only when the secret is missing", "[core][secrets]") {
  cove::test::TempDir dir;
  SecretStore store(dir / "secrets");
  int calls = 0;
  const auto gen = [&] {
    ++calls;
    return std::string("generated-") + std::to_string(calls);
  };
  CHECK(store.get_or_create("signing_key", gen) == "generated-1");
  CHECK(store.get_or_create("signing_key", gen) == "generated-1");
  CHECK(calls == 1);
  CHECK_THROWS_AS(store.get_or_create("empty", [] { return std::string(); }), std::invalid_argument);
  CHECK_FALSE(store.exists("empty"));
}

TEST_CASE("secrets: names cannot escape the directory", "[core][secrets]") {
  cove::test::TempDir dir;
  SecretStore store(dir / "secrets");
  const std::vector<std::string> bad_names = {"",    ".",       "..",  "../x", "a/b",
                                              "Key", ".hidden", "a b", "k\\x", std::string(65, 'a')};
  for (const auto& bad : bad_names) {
    INFO(bad);
    CHECK_THROWS_AS(store.random_key(bad), std::invalid_argument);
    CHECK_THROWS_AS(store.exists(bad), std::invalid_argument);
  }
  CHECK_NOTHROW(store.random_key("a.b_c-9"));
}

TEST_CASE("secrets: loose permissions are tightened", "[core][secrets]") {
  cove::test::TempDir dir;
  const auto secrets_dir = dir / "secrets";
  fs::create_directories(secrets_dir);
  fs::permissions(secrets_dir, fs::perms(0755));
  std::ofstream(secrets_dir / "legacy") << "value";
  fs::permissions(secrets_dir / "legacy", fs::perms(0644));

  SecretStore store(secrets_dir);
  CHECK(mode_of(secrets_dir) == 0700);
  CHECK(store.get_or_create("legacy", [] { return std::string("new"); }) == "value");
  CHECK(mode_of(secrets_dir / "legacy") == 0600);
}
