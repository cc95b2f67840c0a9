// Violation cases (举报处理, issue 14). Operators: the list with filters, one case with its
// reports, history, appeals and files, dismiss / warn / take down, the appeal decision (uphold or
// restore). The organisation: its cases and their reasons (another organisation's case is a 404),
// the one appeal per takedown with text and files.
#include <fmt/format.h>

#include "core/json_input.hpp"
#include "http/blob_response.hpp"
#include "http/list_response.hpp"
#include "http/query_input.hpp"
#include "modules/review/case_input.hpp"
#include "modules/review/review_routes.hpp"

namespace cove::review {

namespace {

core::JsonInput parse_optional_body(const http::Request& req) {
  return core::JsonInput::parse(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
}

case_repo::CaseFilter read_filter(const http::Request& req, bool operators) {
  http::QueryInput q(req);
  case_repo::CaseFilter f;
  f.status = q.one_of("status", {"open", "dismissed", "warned", "taken_down", "restored"});
  f.app_id = q.optional_string("appId", {.min_chars = 1, .max_chars = 64});
  if (operators) f.org_id = q.optional_string("orgId", {.min_chars = 1, .max_chars = 64});
  q.finish();
  return f;
}

nlohmann::json detail_json(const CaseDetail& d, CaseAudience audience) {
  auto out = to_json(d.c);
  out["orgName"] = d.org_name;
  auto reports = nlohmann::json::array();
  for (const auto& r : d.reports) reports.push_back(to_json(r, audience));
  out["reports"] = std::move(reports);
  auto history = nlohmann::json::array();
  for (const auto& h : d.history) history.push_back(to_json(h));
  out["history"] = std::move(history);
  auto appeals = nlohmann::json::array();
  for (const auto& a : d.appeals) appeals.push_back(to_json(a));
  out["appeals"] = std::move(appeals);
  auto files = nlohmann::json::array();
  for (const auto& f : d.files) files.push_back(to_json(f));
  out["files"] = std::move(files);
  return out;
}

http::Response list_answer(CaseService& s, const http::Request& req, case_repo::CaseFilter filter) {
  const auto page = http::read_page_request(req);
  const auto key = [](const ViolationCase& v) { return core::PageKey{v.created_ms, v.id}; };
  const auto item = [](const ViolationCase& v) { return to_json(v); };
  auto body = http::page_json(s.list(filter, page), page, key, item);
  std::vector<std::string> ids;
  for (const auto& i : body["items"]) ids.push_back(i["orgId"].get<std::string>());
  const auto names = s.org_names(ids);
  for (auto& i : body["items"]) {
    const auto it = names.find(i["orgId"].get<std::string>());
    i["orgName"] = it == names.end() ? "" : it->second;
  }
  return http::Response::json(200, body);
}

http::Response file_answer(CaseService& s, const http::Request& req, const std::string& org_scope) {
  const auto [file, path] = s.file(req.param("caseId"), org_scope, req.param("sha256"));
  // Files were sniffed as PNG, JPEG or PDF on the way in; served as attachments so a browser
  // never renders them in the console's origin.
  const auto disposition = fmt::format("attachment; filename=\"{}\"", file.sha256.substr(0, 12) + "-" +
                                                                        (file.content_type == "application/pdf"
                                                                             ? std::string("file.pdf")
                                                                             : std::string("image")));
  return http::blob_response(req, {.path = path,
                                   .size = static_cast<std::uint64_t>(file.size),
                                   .sha256 = file.sha256,
                                   .content_type = file.content_type,
                                   .cache_control = "private, max-age=3600",
                                   .content_disposition = disposition});
}

std::string read_text(const http::Request& req, const char* name, bool required) {
  auto in = parse_optional_body(req);
  const core::StringRule rule{.min_chars = 1, .max_chars = kMaxDecisionText, .multiline = true};
  auto text = required ? in.required_string(name, rule) : in.optional_string(name, rule).value_or("");
  in.finish();
  return text;
}

}  // namespace

void mount_case_routes(http::Router& router, CaseService& service) {
  auto* s = &service;
  auto cases = router.group("/api/v1/platform/cases");

  cases.get("", [s](http::Request& req) { return list_answer(*s, req, read_filter(req, true)); })
      .permission("platform:review");
  cases
      .get("/{caseId}",
           [s](http::Request& req) {
             return http::Response::json(200, detail_json(s->detail(req.param("caseId"), ""), CaseAudience::kOperator));
           })
      .permission("platform:review");
  cases
      .get("/{caseId}/reports",
           [s](http::Request& req) {
             const auto page = http::read_page_request(req);
             const auto key = [](const ViolationReport& r) { return core::PageKey{r.created_ms, r.id}; };
             const auto item = [](const ViolationReport& r) { return to_json(r, CaseAudience::kOperator); };
             return http::Response::json(200, http::page_json(s->reports(req.param("caseId"), page), page, key, item));
           })
      .permission("platform:review");
  cases.get("/{caseId}/files/{sha256}", [s](http::Request& req) { return file_answer(*s, req, ""); })
      .permission("platform:review");

  cases
      .post("/{caseId}/dismiss",
            [s](http::Request& req) {
              const auto note = read_text(req, "note", false);
              return http::Response::json(200, to_json(s->dismiss(req.actor(), req.param("caseId"), note)));
            })
      .permission("platform:review");
  cases
      .post("/{caseId}/warn",
            [s](http::Request& req) {
              const auto message = read_text(req, "message", true);
              return http::Response::json(200, to_json(s->warn(req.actor(), req.param("caseId"), message)));
            })
      .permission("platform:review");
  cases
      .post("/{caseId}/takedown",
            [s](http::Request& req) {
              const auto reason = read_text(req, "reason", true);
              return http::Response::json(200, to_json(s->take_down(req.actor(), req.param("caseId"), reason)));
            })
      .permission("platform:review");
  cases
      .post("/{caseId}/uphold",
            [s](http::Request& req) {
              const auto note = read_text(req, "note", false);
              return http::Response::json(200, to_json(s->uphold(req.actor(), req.param("caseId"), note)));
            })
      .permission("platform:review");
  cases
      .post("/{caseId}/restore",
            [s](http::Request& req) {
              const auto note = read_text(req, "note", false);
              return http::Response::json(200, to_json(s->restore(req.actor(), req.param("caseId"), note)));
            })
      .permission("platform:review");

  // The organisation's side: {caseId} resolves to its organisation (ReviewModule).
  router.group("/api/v1/orgs")
      .get("/{orgId}/cases",
           [s](http::Request& req) {
             auto filter = read_filter(req, false);
             filter.org_id = req.param("orgId");  // the tenancy scope
             return list_answer(*s, req, filter);
           })
      .permission("apps:read");

  auto org_cases = router.group("/api/v1/cases");
  org_cases
      .get("/{caseId}",
           [s](http::Request& req) {
             return http::Response::json(
                 200, detail_json(s->detail(req.param("caseId"), req.org_id), CaseAudience::kOrganisation));
           })
      .permission("apps:read");
  org_cases.get("/{caseId}/files/{sha256}", [s](http::Request& req) { return file_answer(*s, req, req.org_id); })
      .permission("apps:read");
  org_cases
      .post("/{caseId}/appeal",
            [s](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto text =
                  in.required_string("text", {.min_chars = 1, .max_chars = kMaxAppealText, .multiline = true});
              auto files = read_files(in, "attachments",
                                      {.max_files = kMaxAppealFiles,
                                       .max_bytes = kMaxAppealFileBytes,
                                       .allow_pdf = true,
                                       .named = true});
              in.finish();
              const auto a = s->appeal(req.actor(), req.org_id, req.param("caseId"), text, files);
              return http::Response::json(201, to_json(a));
            })
      .permission("apps:release")
      .body_limit(16 * 1024 * 1024)
      .blocking();
}

}  // namespace cove::review
