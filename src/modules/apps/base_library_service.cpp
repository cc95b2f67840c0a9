#include "modules/apps/base_library_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/semver.hpp"
#include "modules/apps/version_repo.hpp"

namespace cove::apps {

namespace {

core::Error not_found() {
  return core::Error::not_found("apps.base_library_not_found", "No such base-library version");
}

}  // namespace

std::vector<BaseLibrary> BaseLibraryService::list() const {
  return ctx_.app.db.read([](core::Conn& c) { return base_library_repo::list(c); });
}

BaseLibrary BaseLibraryService::add(const core::Actor& actor, const std::string& version,
                                    const std::string& notes) {
  const auto semver = core::SemVer::parse(version);
  if (!semver || !semver->is_release() || !semver->build.empty() || version.size() > 32) {
    core::FieldErrors errors;
    errors.add("version", "invalid_format", "Use a version of the form MAJOR.MINOR.PATCH, such as 2.31.0");
    errors.throw_if_any();
  }
  BaseLibrary b;
  b.version = version;
  b.major = static_cast<std::int64_t>(semver->major);
  b.minor = static_cast<std::int64_t>(semver->minor);
  b.patch = static_cast<std::int64_t>(semver->patch);
  b.notes = notes;
  b.created_ms = b.updated_ms = ctx_.app.clock.unix_millis();
  ctx_.app.db.write([&](core::Tx& tx) {
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
    ctx_.app.audit.record(tx, actor,
                          {.action = "base_library.added",
                           .target_type = "base_library",
                           .target_id = version,
                           .after = to_json(b)});
  });
  return b;
}

BaseLibrary BaseLibraryService::update(const core::Actor& actor, const std::string& version,
                                       const std::optional<std::string>& status,
                                       const std::optional<std::string>& notes) {
  return ctx_.app.db.write([&](core::Tx& tx) {
    auto b = base_library_repo::find(tx, version);
    if (!b) throw not_found();
    const BaseLibrary stored = *b;
    if (status) b->status = *status;
    if (notes) b->notes = *notes;
    if (*b == stored) return stored;  // the whole row: nothing changed, nothing to record
    const auto before = to_json(stored);
    b->updated_ms = ctx_.app.clock.unix_millis();
    base_library_repo::update(tx, *b);
    ctx_.app.audit.record(tx, actor,
                          {.action = "base_library.updated",
                           .target_type = "base_library",
                           .target_id = version,
                           .before = before,
                           .after = to_json(*b)});
    return *base_library_repo::find(tx, version);  // answer with what was stored
  });
}

void BaseLibraryService::remove(const core::Actor& actor, const std::string& version) {
  ctx_.app.db.write([&](core::Tx& tx) {
    auto b = base_library_repo::find(tx, version);
    if (!b) throw not_found();
    if (version_repo::uses_base_library(tx, version)) {
      throw core::Error::conflict(
          "apps.base_library_in_use",
          "Versions of mini-programs require this base library; deprecate it instead");
    }
    base_library_repo::remove(tx, version);
    ctx_.app.audit.record(tx, actor,
                          {.action = "base_library.deleted",
                           .target_type = "base_library",
                           .target_id = version,
                           .before = to_json(*b)});
  });
}

}  // namespace cove::apps
