#pragma once
// The platform's list of base-library (基础库) versions, managed by operators. Versions of
// mini-programs name one as their minimum; a base library in use cannot be deleted (deprecate it).
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/principal.hpp"
#include "modules/apps/base_library_repo.hpp"

namespace cove::apps {

inline constexpr std::int64_t kMaxBaseLibraries = 500;

class BaseLibraryService {
 public:
  BaseLibraryService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock)
      : db_(db), changes_(changes), clock_(clock) {}

  std::vector<BaseLibrary> list() const;
  // 400 for a version that is not x.y.z; 409 apps.base_library_exists; 409 quota when the list is full.
  BaseLibrary add(const core::Actor& actor, const std::string& version, const std::string& notes);
  BaseLibrary update(const core::Actor& actor, const std::string& version,
                     const std::optional<std::string>& status, const std::optional<std::string>& notes);
  // 409 apps.base_library_in_use while a version requires it.
  void remove(const core::Actor& actor, const std::string& version);

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
};

}  // namespace cove::apps
