#pragma once
// SQL for UID lists. Every function takes the owning organisation, except the look-ups the
// runtime snapshot and the tenancy resolver need.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/gray/uid_list_model.hpp"

namespace cove::gray::uid_list_repo {

// Reads a row of this repository's SELECT lists (core/db_row.hpp).
void read_row(core::Row& r, UidList& l);

std::optional<UidList> find(core::Conn& c, const std::string& org_id, const std::string& list_id);
std::optional<std::string> org_of(core::Conn& c, const std::string& list_id);
core::Page<UidList> list(core::Conn& c, const std::string& org_id, const std::string& query,
                          const core::PageRequest& page);
std::int64_t count_in_org(core::Conn& c, const std::string& org_id);
bool name_taken(core::Conn& c, const std::string& org_id, const std::string& name,
                const std::string& except_id);
// Which of `ids` are lists of the organisation.
std::vector<std::string> existing(core::Conn& c, const std::string& org_id,
                                  const std::vector<std::string>& ids);

void insert(core::Tx& tx, const UidList& l);
void update(core::Tx& tx, const UidList& l);  // name, description, size, revision, updated_ms
void remove(core::Tx& tx, const std::string& org_id, const std::string& list_id);

// Content: `clear` removes every member first; then each id `feed` produces is added once.
// Returns the list's size afterwards.
std::int64_t write_members(core::Tx& tx, const std::string& list_id, bool clear,
                           const std::function<void(const std::function<void(std::string_view)>&)>& feed);
bool contains(core::Conn& c, const std::string& list_id, const std::string& uid);
struct Revision {
  std::int64_t revision = 0;
  std::int64_t size = 0;
};
void read_row(core::Row& r, Revision& rev);
// A list's content revision and size, by id alone (the runtime's cache of loaded lists).
std::optional<Revision> revision_of(core::Conn& c, const std::string& list_id);
// Members in id order after `after` (exclusive), skipping `offset`, at most `limit` + 1 (the extra
// tells more exist).
std::vector<std::string> members(core::Conn& c, const std::string& list_id, const std::string& after,
                                 std::int64_t offset, int limit);
// Every member, streamed (the runtime snapshot's load).
void for_each_member(core::Conn& c, const std::string& list_id,
                     const std::function<void(std::string_view)>& fn);

}  // namespace cove::gray::uid_list_repo

namespace cove::gray {
using uid_list_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::gray
