#pragma once
// Version review: submission (one open review per mini-program), the automated pre-checks and
// their outcome, withdrawal, the reviewers' claims and decisions, and the review policy. Every
// change writes its operation-log entry, its history row and (for submit, approve, reject,
// withdraw) its event in the transaction of the change. No HTTP types.
#include <filesystem>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/review/case_service.hpp"
#include "modules/review/review_model.hpp"
#include "modules/review/review_policy.hpp"
#include "modules/review/review_repo.hpp"

namespace cove::review {

struct Submission {
  std::string notes;
  nlohmann::json test_account = nullptr;
  bool expedite = false;
  bool release_on_approval = false;
};

struct ReviewDetail {
  Review review;
  std::vector<CheckResult> checks;
  std::vector<HistoryEntry> history;
  std::vector<CaseFile> files;  // a rejection's screenshots
  nlohmann::json diff = nullptr;  // against the released version, when there is one
  std::string released_version;
  std::string org_name;
};

// What an organisation's review obligation is, and why.
struct PolicyView {
  bool required = true;
  std::optional<bool> org_override;
  bool platform_required = true;
};

class ReviewService {
 public:
  ReviewService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::BlobStore& blobs,
                apps::AppsApi& apps, accounts::AccountsApi& accounts)
      : db_(db), changes_(changes), clock_(clock), blobs_(blobs), apps_(apps), accounts_(accounts) {}

  // Opens a review of an uploaded (or rejected) version; status `submitted`, the version
  // `in_review`. 409 review.already_open, review.not_submittable.
  Review submit(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                const std::string& version, const Submission& s);
  // Runs the pre-checks of a submitted review and records the outcome: in_review, or rejected
  // when a check failed. Reads the whole package: call from a worker thread.
  Review run_prechecks(const std::string& review_id);
  // The background job: submitted reviews whose pre-checks nobody runs (after a restart).
  void run_pending();

  Review withdraw(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                  const std::string& version);
  Review claim(const core::Actor& actor, const std::string& review_id);
  Review approve(const core::Actor& actor, const std::string& review_id);
  // `screenshots`: images the reviewer attaches (shown to the organisation with the reason).
  Review reject(const core::Actor& actor, const std::string& review_id, const std::string& category,
                const std::string& reason, const std::vector<FileUpload>& screenshots = {});

  core::Page<Review> list_for_app(const std::string& org_id, const std::string& app_id,
                                  const core::PageRequest& page) const;
  std::vector<CheckResult> checks(const std::string& review_id) const;
  std::vector<CaseFile> files(const std::string& review_id) const;
  // A screenshot of the review and where its bytes are; `org_id` scopes it to the organisation
  // ("" for operators). 404 review.not_found, review.file_not_found.
  std::pair<CaseFile, std::filesystem::path> file(const std::string& review_id, const std::string& org_id,
                                                  const std::string& sha256) const;
  core::Page<Review> queue(const review_repo::QueueFilter& f, const core::PageRequest& page) const;
  std::unordered_map<std::string, std::string> org_names(const std::vector<std::string>& ids) const;
  ReviewDetail detail(const std::string& review_id) const;

  ReviewSettings settings() const;
  ReviewSettings update_settings(const core::Actor& actor, const ReviewSettings& s);
  PolicyView policy(const std::string& org_id) const;
  PolicyView set_org_policy(const core::Actor& actor, const std::string& org_id, std::optional<bool> required);

  std::int64_t now_ms() const { return clock_.unix_millis(); }

 private:
  static std::vector<CheckResult> run_prechecks_on(const std::filesystem::path& path, const ReviewSettings& settings);
  Review require_review(core::Conn& c, const std::string& review_id) const;
  void history(core::Tx& tx, const Review& r, const core::Actor& actor, std::string action,
               nlohmann::json detail = nlohmann::json::object());
  void log(core::Tx& tx, const core::Actor& actor, const Review& r, std::string action, nlohmann::json before,
           nlohmann::json after);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::BlobStore& blobs_;
  apps::AppsApi& apps_;
  accounts::AccountsApi& accounts_;
};

}  // namespace cove::review
