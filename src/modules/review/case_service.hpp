#pragma once
// Violation reports, cases and appeals (举报处理, issue 14): a report joins its mini-program's
// case (opening it when it was closed); operators dismiss a case, warn the organisation or take
// the mini-program down (the apps module's takedown, inside the case's transaction); the
// organisation appeals a takedown once, with text and files; an operator upholds the takedown or
// restores the mini-program. Every step writes its operation-log entry, its history row and its
// event in the transaction of the change. No HTTP types.
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/review/case_model.hpp"
#include "modules/review/case_repo.hpp"

namespace cove::review {

// Limits of what one report or appeal may carry.
inline constexpr std::size_t kMaxReportText = 1000;
inline constexpr std::size_t kMaxScreenshots = 3;
inline constexpr std::size_t kMaxScreenshotBytes = 1024 * 1024;
inline constexpr std::size_t kMaxAppealText = 2000;
inline constexpr std::size_t kMaxAppealFiles = 5;
inline constexpr std::size_t kMaxAppealFileBytes = 2 * 1024 * 1024;
inline constexpr std::size_t kMaxDecisionText = 500;

// A file sent with a report or an appeal, already decoded and its type sniffed (case_routes).
struct FileUpload {
  std::string name;
  std::string content_type;
  std::string bytes;
};

struct ReportInput {
  std::string source;  // runtime | org | platform
  std::string category;
  std::string text;
  std::string uid, device_id, host_app_id;  // runtime reports
  std::string reporter_org;                 // a report an organisation files
  std::vector<FileUpload> screenshots;
};

struct CaseDetail {
  ViolationCase c;
  std::vector<ViolationReport> reports;  // the newest kDetailReports
  std::vector<CaseHistoryEntry> history;
  std::vector<Appeal> appeals;
  std::vector<CaseFile> files;
  std::string org_name;
};
inline constexpr int kDetailReports = 50;

class CaseService {
 public:
  CaseService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::BlobStore& blobs,
              apps::AppsApi& apps, accounts::AccountsApi& accounts)
      : db_(db), changes_(changes), clock_(clock), blobs_(blobs), apps_(apps), accounts_(accounts) {}

  // Files a report about the mini-program `app_id`; returns the report with its case id.
  // 404 apps.not_found for an unknown mini-program; for runtime reports 404
  // runtime.not_associated when the host app does not run it.
  ViolationReport report(const core::Actor& actor, const std::string& app_id, const ReportInput& in);

  // `org_scope`: the organisation reading its own cases ("" for operators).
  core::Page<ViolationCase> list(const case_repo::CaseFilter& f, const core::PageRequest& page) const;
  CaseDetail detail(const std::string& case_id, const std::string& org_scope) const;
  core::Page<ViolationReport> reports(const std::string& case_id, const core::PageRequest& page) const;
  std::unordered_map<std::string, std::string> org_names(const std::vector<std::string>& ids) const;

  // Operators' decisions on an open case. 409 cases.invalid_transition otherwise.
  ViolationCase dismiss(const core::Actor& actor, const std::string& case_id, const std::string& note);
  ViolationCase warn(const core::Actor& actor, const std::string& case_id, const std::string& message);
  ViolationCase take_down(const core::Actor& actor, const std::string& case_id, const std::string& reason);

  // The organisation's one appeal per takedown. 409 cases.not_taken_down, cases.appeal_exists.
  Appeal appeal(const core::Actor& actor, const std::string& org_id, const std::string& case_id,
                const std::string& text, const std::vector<FileUpload>& files);
  // An operator's decision on the pending appeal. 409 cases.no_pending_appeal.
  ViolationCase uphold(const core::Actor& actor, const std::string& case_id, const std::string& note);
  ViolationCase restore(const core::Actor& actor, const std::string& case_id, const std::string& note);

  // A file of the case and where its bytes are; 404 cases.file_not_found.
  std::pair<CaseFile, std::filesystem::path> file(const std::string& case_id, const std::string& org_scope,
                                                  const std::string& sha256) const;

 private:
  ViolationCase require_case(core::Conn& c, const std::string& case_id, const std::string& org_scope) const;
  CaseFile store(const FileUpload& f);
  void history(core::Tx& tx, const ViolationCase& v, const core::Actor& actor, std::string action,
               nlohmann::json detail = nlohmann::json::object());
  template <class E>
  void record(core::Tx& tx, const core::Actor& actor, const ViolationCase& v, const std::string& detail,
              nlohmann::json before, nlohmann::json after);
  ViolationCase decide(const core::Actor& actor, const std::string& case_id, const std::string& status,
                       const std::string& text);
  ViolationCase decide_appeal(const core::Actor& actor, const std::string& case_id, bool restore,
                              const std::string& note);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::BlobStore& blobs_;
  apps::AppsApi& apps_;
  accounts::AccountsApi& accounts_;
};

}  // namespace cove::review
