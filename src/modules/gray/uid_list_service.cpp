#include "modules/gray/uid_list_service.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "modules/gray/gray_api.hpp"
#include "modules/gray/plan_repo.hpp"
#include "modules/gray/uid_list_repo.hpp"

namespace cove::gray {

namespace {

core::Error list_not_found() { return core::Error::not_found("uid_lists.not_found", "No such UID list"); }

template <class E>
E event_of(const UidList& l) {
  return {l.org_id, l.id, l.revision, l.size};
}

void ensure_name_free(core::Conn& c, const std::string& org_id, const std::string& name,
                      const std::string& id) {
  if (uid_list_repo::name_taken(c, org_id, name, id)) {
    throw core::Error(409, "uid_lists.name_taken", "Another UID list of the organisation has this name",
                      {{"name", name}});
  }
}

// Feeds every id of the upload to the repository (the file is read inside the transaction).
auto feed_from(const UidUpload& upload, std::size_t max_ids) {
  return [&upload, max_ids](const std::function<void(std::string_view)>& add) {
    if (!upload.path.empty()) read_uid_file(upload.path, upload.format, max_ids, add);  // "" = no body
  };
}

}  // namespace

UidList UidListService::create(const core::Actor& actor, const std::string& org_id,
                               const UidListFields& fields, const UidUpload& upload) {
  UidList l;
  l.id = core::new_id("ulst");
  l.org_id = org_id;
  l.name = fields.name.value_or("");
  l.description = fields.description.value_or("");
  l.revision = 1;
  l.created_by = actor.principal->id;
  l.created_ms = l.updated_ms = clock_.unix_millis();
  db_.write([&](core::Tx& tx) {
    if (uid_list_repo::count_in_org(tx, org_id) >= static_cast<std::int64_t>(kMaxUidListsPerOrg)) {
      throw core::Error(409, "uid_lists.too_many",
                        fmt::format("An organisation keeps at most {} UID lists", kMaxUidListsPerOrg),
                        {{"limit", kMaxUidListsPerOrg}});
    }
    ensure_name_free(tx, org_id, l.name, l.id);
    uid_list_repo::insert(tx, l);
    l.size = uid_list_repo::write_members(tx, l.id, false, feed_from(upload, kMaxUidListSize));
    uid_list_repo::update(tx, l);
    changes_.record(tx, actor, event_of<events::UidListCreated>(l),
                    {.org_id = org_id,
                     .target_type = "uid_list",
                     .target_id = l.id,
                     .after = {{"name", l.name}, {"size", l.size}}});
  });
  return l;
}

UidList UidListService::get(const std::string& org_id, const std::string& list_id) const {
  auto l = db_.read([&](core::Conn& c) { return uid_list_repo::find(c, org_id, list_id); });
  if (!l) throw list_not_found();
  return *l;
}

core::Page<UidList> UidListService::list(const std::string& org_id, const std::string& query,
                                          const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return uid_list_repo::list(c, org_id, query, page); });
}

UidList UidListService::update(const core::Actor& actor, const std::string& org_id,
                               const std::string& list_id, const UidListFields& fields) {
  return db_.write([&](core::Tx& tx) {
    auto l = uid_list_repo::find(tx, org_id, list_id);
    if (!l) throw list_not_found();
    const UidList stored = *l;
    if (fields.name) {
      ensure_name_free(tx, org_id, *fields.name, l->id);
      l->name = *fields.name;
    }
    if (fields.description) l->description = *fields.description;
    if (*l == stored) return stored;  // the whole row: nothing changed, nothing to record
    const nlohmann::json before = {{"name", stored.name}, {"description", stored.description}};
    l->updated_ms = clock_.unix_millis();
    uid_list_repo::update(tx, *l);
    changes_.record(tx, actor,
                          {.org_id = org_id,
                           .action = "uid_list.updated",
                           .target_type = "uid_list",
                           .target_id = l->id,
                           .before = before,
                           .after = {{"name", l->name}, {"description", l->description}}});
    return *uid_list_repo::find(tx, org_id, list_id);  // answer with what was stored
  });
}

UidList UidListService::import(const core::Actor& actor, const std::string& org_id,
                               const std::string& list_id, const UidUpload& upload, bool append) {
  return db_.write([&](core::Tx& tx) {
    auto l = uid_list_repo::find(tx, org_id, list_id);
    if (!l) throw list_not_found();
    const auto before = l->size;
    // Appending may not push the list past the limit either: read at most what still fits, and
    // let the count after INSERT OR IGNORE (duplicates are free) decide.
    l->size = uid_list_repo::write_members(tx, l->id, !append, feed_from(upload, kMaxUidListSize));
    if (l->size > static_cast<std::int64_t>(kMaxUidListSize)) {
      throw core::Error(400, "uid_lists.too_large",
                        fmt::format("A UID list holds at most {} ids", kMaxUidListSize),
                        {{"limit", kMaxUidListSize}});
    }
    l->revision += 1;
    l->updated_ms = clock_.unix_millis();
    uid_list_repo::update(tx, *l);
    changes_.record(tx, actor, event_of<events::UidListUpdated>(*l),
                    {.org_id = org_id,
                     .action = append ? "uid_list.appended" : "uid_list.replaced",
                     .target_type = "uid_list",
                     .target_id = l->id,
                     .before = {{"size", before}},
                     .after = {{"size", l->size}, {"revision", l->revision}}});
    return *l;
  });
}

void UidListService::remove(const core::Actor& actor, const std::string& org_id, const std::string& list_id) {
  db_.write([&](core::Tx& tx) {
    auto l = uid_list_repo::find(tx, org_id, list_id);
    if (!l) throw list_not_found();
    const auto users = plan_repo::unfinished_using_list(tx, org_id, list_id);
    if (!users.empty()) {
      throw core::Error(409, "uid_lists.in_use", "Gray plans that are not finished use this UID list",
                        {{"plans", users}});
    }
    uid_list_repo::remove(tx, org_id, list_id);
    changes_.record(tx, actor, event_of<events::UidListDeleted>(*l),
                    {.org_id = org_id,
                     .target_type = "uid_list",
                     .target_id = l->id,
                     .before = {{"name", l->name}, {"size", l->size}}});
  });
}

core::Page<std::string> UidListService::members(const std::string& org_id, const std::string& list_id,
                                                const std::string& after, std::int64_t offset, int limit) const {
  return db_.read([&](core::Conn& c) {
    const auto list = uid_list_repo::find(c, org_id, list_id);
    if (!list) throw list_not_found();
    return core::Page<std::string>{uid_list_repo::members(c, list_id, after, offset, limit), list->size};
  });
}

bool UidListService::contains(const std::string& org_id, const std::string& list_id,
                              const std::string& uid) const {
  return db_.read([&](core::Conn& c) {
    if (!uid_list_repo::find(c, org_id, list_id)) throw list_not_found();
    return uid_list_repo::contains(c, list_id, uid);
  });
}

}  // namespace cove::gray
