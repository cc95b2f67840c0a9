#pragma once
// Who still uses a blob (DESIGN.md §5). Each module that stores blob hashes in its rows registers
// a check; the blob collector keeps every blob some check claims and deletes the rest.
#include <functional>
#include <string>
#include <vector>

#include "core/db.hpp"

namespace cove::modules {

class BlobReferenceRegistry {
 public:
  using Check = std::function<bool(core::Conn&, const std::string& sha256)>;

  // `name` says what refers ("app icons and certificates") for the log and tests.
  void add(std::string name, Check check) { checks_.push_back({std::move(name), std::move(check)}); }
  bool referenced(core::Conn& c, const std::string& sha256) const {
    for (const auto& entry : checks_) {
      if (entry.check(c, sha256)) return true;
    }
    return false;
  }
  std::size_t size() const { return checks_.size(); }

 private:
  struct Entry {
    std::string name;
    Check check;
  };
  std::vector<Entry> checks_;
};

}  // namespace cove::modules
