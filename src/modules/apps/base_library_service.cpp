#include "modules/apps/base_library_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/apps/change_entry.hpp"
#include "modules/apps/version_model.hpp"
#include "modules/apps/version_repo.hpp"

namespace cove::apps {

namespace {

core::Error base_library_not_found() {
  return core::Error::not_found("apps.base_library_not_found", "No such base-library version");
}

}  // namespace

std::vector<BaseLibrary> BaseLibraryService::list() const {
  return db_.read([](core::Conn& c) { return base_library_repo::list(c); });
}

BaseLibrary BaseLibraryService::add(const core::Actor& actor, const std::string& version,
                                    const std::string& notes) {
  const auto semver = parse_release_version(version, "2.31.0");
  BaseLibrary b;
  b.version = version;
  b.major = static_cast<std::int64_t>(semver.major);
  b.minor = static_cast<std::int64_t>(semver.minor);
  b.patch = static_cast<std::int64_t>(semver.patch);
  b.notes = notes;
  b.created_ms = b.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (base_library_repo::find(tx, version)) {
      throw core::Error::conflict("apps.base_library_exists",
                                  fmt::format("Base library {} is already listed", version));
    }
    if (base_library_repo::count(tx) >= kMaxBaseLibraries) {
      throw core::Error(409, "apps.too_many_base_libraries",
                        fmt::format("At most {} base-library versions can be listed; delete old ones first",
                                    kMaxBaseLibraries));
    }
    base_library_repo::insert(tx, b);
    changes_.record(tx, actor,
                    change_entry("", "base_library", version, nullptr, to_json(b), "base_library.added"));
  });
  return b;
}

BaseLibrary BaseLibraryService::update(const core::Actor& actor, const std::string& version,
                                       const std::optional<std::string>& status,
                                       const std::optional<std::string>& notes) {
  return db_.write([&](core::Tx& tx) {
    auto b = base_library_repo::find(tx, version);
    if (!b) throw base_library_not_found();
    const BaseLibrary stored = *b;
    if (status) b->status = *status;
    if (notes) b->notes = *notes;
    if (*b == stored) return stored;  // the whole row: nothing changed, nothing to record
    b->updated_ms = clock_.unix_millis();
    base_library_repo::update(tx, *b);
    changes_.record(
        tx, actor,
        change_entry("", "base_library", version, to_json(stored), to_json(*b), "base_library.updated"));
    return *base_library_repo::find(tx, version);  // answer with what was stored
  });
}

void BaseLibraryService::remove(const core::Actor& actor, const std::string& version) {
  db_.write([&](core::Tx& tx) {
    auto b = base_library_repo::find(tx, version);
    if (!b) throw base_library_not_found();
    if (version_repo::uses_base_library(tx, version)) {
      throw core::Error::conflict(
          "apps.base_library_in_use",
          "Versions of mini-programs require this base library; deprecate it instead");
    }
    base_library_repo::remove(tx, version);
    changes_.record(tx, actor,
                    change_entry("", "base_library", version, to_json(*b), nullptr, "base_library.deleted"));
  });
}

}  // namespace cove::apps
