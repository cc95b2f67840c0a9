#pragma once
// UID lists: create from an upload, rename, replace or extend the content, delete (refused while
// a plan that is not finished uses the list), read members. Imports run inside one transaction,
// so a bad line anywhere leaves the list as it was.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/gray/uid_import.hpp"
#include "modules/gray/uid_list_model.hpp"

namespace cove::gray {

struct UidListFields {
  std::optional<std::string> name;
  std::optional<std::string> description;
};

struct UidUpload {
  std::string path;  // the streamed request body
  UidFormat format = UidFormat::kText;
};

class UidListService {
 public:
  UidListService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock)
      : db_(db), changes_(changes), clock_(clock) {}

  // Reads the whole upload: call from a blocking route. Errors: 400 validation_failed (name),
  // 400 uid_lists.bad_line / too_large, 409 uid_lists.name_taken / too_many.
  UidList create(const core::Actor& actor, const std::string& org_id, const UidListFields& fields,
                 const UidUpload& upload);
  UidList get(const std::string& org_id, const std::string& list_id) const;
  core::Page<UidList> list(const std::string& org_id, const std::string& query,
                            const core::PageRequest& page) const;
  UidList update(const core::Actor& actor, const std::string& org_id, const std::string& list_id,
                 const UidListFields& fields);
  // `append` keeps the present members; otherwise the upload replaces them.
  UidList import(const core::Actor& actor, const std::string& org_id, const std::string& list_id,
                 const UidUpload& upload, bool append);
  void remove(const core::Actor& actor, const std::string& org_id, const std::string& list_id);

  // Members in id order after `after` (or from `offset`), limit + 1 at most; total = the list's size.
  core::Page<std::string> members(const std::string& org_id, const std::string& list_id, const std::string& after,
                                  std::int64_t offset, int limit) const;
  bool contains(const std::string& org_id, const std::string& list_id, const std::string& uid) const;

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
};

}  // namespace cove::gray
