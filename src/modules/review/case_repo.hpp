#pragma once
// SQL for violation cases, their reports, history, appeals and files. No business rules;
// organisation-side reads take the organisation as the tenancy scope.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/review/case_model.hpp"

namespace cove::review::case_repo {

void read_row(core::Row& r, ViolationCase& v);
void read_row(core::Row& r, ViolationReport& v);
void read_row(core::Row& r, CaseHistoryEntry& h);
void read_row(core::Row& r, Appeal& a);
void read_row(core::Row& r, CaseFile& f);

struct CaseFilter {
  std::optional<std::string> status;
  std::optional<std::string> org_id;
  std::optional<std::string> app_id;
};

std::optional<ViolationCase> find(core::Conn& c, const std::string& case_id);
std::optional<ViolationCase> find_for_app(core::Conn& c, const std::string& app_id);
std::optional<std::string> org_of(core::Conn& c, const std::string& case_id);
// Newest first; the filter's org_id is the tenancy scope of the organisation's list.
core::Page<ViolationCase> list(core::Conn& c, const CaseFilter& f, const core::PageRequest& page);
std::int64_t count_status(core::Conn& c, const std::string& status);
std::int64_t count_pending_appeals(core::Conn& c);

void insert(core::Tx& tx, const ViolationCase& v);
void update(core::Tx& tx, const ViolationCase& v);

void insert_report(core::Tx& tx, const ViolationReport& r);
core::Page<ViolationReport> reports(core::Conn& c, const std::string& case_id, const core::PageRequest& page);

std::vector<CaseHistoryEntry> history(core::Conn& c, const std::string& case_id);
void add_history(core::Tx& tx, const std::string& case_id, const CaseHistoryEntry& h);

std::vector<Appeal> appeals(core::Conn& c, const std::string& case_id);
std::optional<Appeal> appeal_for(core::Conn& c, const std::string& case_id, std::int64_t takedown);
void insert_appeal(core::Tx& tx, const Appeal& a);
void update_appeal(core::Tx& tx, const Appeal& a);

void add_file(core::Tx& tx, const std::string& case_id, const CaseFile& f);
std::optional<CaseFile> file(core::Conn& c, const std::string& case_id, const std::string& sha256);
std::vector<CaseFile> files(core::Conn& c, const std::string& case_id);
bool references_blob(core::Conn& c, const std::string& sha256);

}  // namespace cove::review::case_repo

namespace cove::review {
using case_repo::read_row;
}  // namespace cove::review
