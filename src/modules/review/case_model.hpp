#pragma once
// Violation cases (举报处理, issue 14) as stored in `violation_cases`, with their reports, history,
// appeals and files. One case per mini-program:
//
//   open ──dismiss──► dismissed     open ──warn──► warned     open ──takedown──► taken_down
//   taken_down ──appeal, operator restores──► restored   (an upheld appeal leaves it taken_down)
//   dismissed | warned | restored ──a new report──► open
//
// A report on a taken-down mini-program is counted but does not reopen the case: it is already
// down, and its appeal is about that takedown.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::review {

inline constexpr std::array<std::string_view, 6> kReportCategories = {"fraud",     "illegal",   "privacy",
                                                                      "malicious", "copyright", "other"};
bool known_report_category(std::string_view c);

struct ViolationCase {
  std::string id;  // cas_…
  std::string org_id;
  std::string app_id;
  std::string app_name;
  std::string status = "open";  // open | dismissed | warned | taken_down | restored
  std::int64_t report_count = 0;
  std::int64_t open_reports = 0;
  nlohmann::json categories = nlohmann::json::object();  // {category: count} since it opened
  std::string resolution;  // the operator's reason (takedown, dismissal) or warning text
  std::string decided_by;
  std::int64_t decided_ms = 0;
  std::int64_t takedowns = 0;
  std::int64_t last_report_ms = 0;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;

  bool closed() const { return status == "dismissed" || status == "warned" || status == "restored"; }
};

// A stored file of a case: a report's screenshot or an appeal's attachment.
struct CaseFile {
  std::string sha256;
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
};

struct ViolationReport {
  std::string id;  // rpt_…
  std::string case_id;
  std::string source;  // runtime | org | platform
  std::string category;
  std::string text;
  std::string uid;
  std::string device_id;
  std::string host_app_id;
  std::string reporter_id;
  std::string reporter_org;
  std::vector<std::string> screenshots;  // sha256 of case files
  std::int64_t created_ms = 0;
};

struct CaseHistoryEntry {
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;
  std::string actor_id, actor_name, action;
  nlohmann::json detail = nlohmann::json::object();
};

struct Appeal {
  std::string id;  // apl_…
  std::string case_id;
  std::int64_t takedown = 0;
  std::string status = "pending";  // pending | upheld | restored
  std::string text;
  std::vector<std::string> attachments;  // sha256 of case files
  std::string filed_by;
  std::string decided_by;
  std::string decision;
  std::int64_t created_ms = 0;
  std::int64_t decided_ms = 0;
};

// Who sees a case: operators see who reported (uid, device, host app, reporting user); the
// organisation sees what was reported and when, not by whom.
enum class CaseAudience { kOperator, kOrganisation };

nlohmann::json to_json(const ViolationCase& c);
nlohmann::json to_json(const ViolationReport& r, CaseAudience audience);
nlohmann::json to_json(const CaseHistoryEntry& h);
nlohmann::json to_json(const Appeal& a);
nlohmann::json to_json(const CaseFile& f);

}  // namespace cove::review
