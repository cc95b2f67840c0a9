#pragma once
// SQL for reviews, their pre-check results and history. No business rules; organisation-side
// functions take the organisation as the tenancy scope, the operators' queue reads across them.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/review/case_model.hpp"
#include "modules/review/review_model.hpp"

namespace cove::review::review_repo {

void read_row(core::Row& r, Review& v);
void read_row(core::Row& r, CheckResult& c);
void read_row(core::Row& r, HistoryEntry& h);

struct QueueFilter {
  std::optional<std::string> status;
  std::optional<std::string> org_id;
  std::optional<bool> expedited;
};

std::optional<Review> find(core::Conn& c, const std::string& review_id);
std::optional<Review> find_in_org(core::Conn& c, const std::string& org_id, const std::string& review_id);
std::optional<Review> open_for_app(core::Conn& c, const std::string& org_id, const std::string& app_id);
std::optional<std::string> open_for_version(core::Conn& c, const std::string& version_id);
// The organisation's reviews of one mini-program, newest first.
core::Page<Review> list_for_app(core::Conn& c, const std::string& org_id, const std::string& app_id,
                                const core::PageRequest& page);
// The operators' queue, oldest first.
core::Page<Review> queue(core::Conn& c, const QueueFilter& f, const core::PageRequest& page);
// Reviews whose pre-checks nobody is running (submitted, lease expired).
std::vector<Review> awaiting_checks(core::Conn& c, std::int64_t now_ms, int limit);
std::int64_t count_status(core::Conn& c, const std::string& status);

void insert(core::Tx& tx, const Review& r);
void update(core::Tx& tx, const Review& r);

std::vector<CheckResult> checks(core::Conn& c, const std::string& review_id);
void replace_checks(core::Tx& tx, const std::string& review_id, const std::vector<CheckResult>& checks);

// Screenshots of a rejection (case_model.hpp's CaseFile shape).
void add_file(core::Tx& tx, const std::string& review_id, const CaseFile& f);
std::vector<CaseFile> files(core::Conn& c, const std::string& review_id);
bool references_blob(core::Conn& c, const std::string& sha256);

std::vector<HistoryEntry> history(core::Conn& c, const std::string& review_id);
void add_history(core::Tx& tx, const std::string& review_id, const HistoryEntry& h);

}  // namespace cove::review::review_repo

namespace cove::review {
using review_repo::read_row;
}  // namespace cove::review
