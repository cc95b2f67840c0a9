#pragma once
// Secrets kept in <data>/secrets/ (directory 0700, files 0600): generated on first use, never
// logged. Writes are atomic (temp + fsync + rename), so a crash cannot leave half a key.
#include <filesystem>
#include <functional>
#include <string>

namespace cove::core {

class SecretStore {
 public:
  explicit SecretStore(std::filesystem::path dir);  // creates the directory (0700)

  // The secret `name`, created with `generate()` if it does not exist yet.
  std::string get_or_create(const std::string& name, const std::function<std::string()>& generate);
  // 32 random bytes, created on first use.
  std::string random_key(const std::string& name);
  bool exists(const std::string& name) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace cove::core
