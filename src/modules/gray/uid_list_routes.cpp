// UID lists (issue 5 "UID lists"): an organisation's named lists of user ids, uploaded as a
// text/plain or text/csv body (one id a line) and streamed to a file, so a million ids cost
// kilobytes of memory on the way in.

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "modules/gray/gray_routes.hpp"
#include "http/query_input.hpp"
#include "http/list_response.hpp"

namespace cove::gray {

namespace {

constexpr std::size_t kMetaBodyLimit = 16 * 1024;
constexpr int kMaxMembersPage = 1000;

UidFormat read_format(const http::Request& req) {
  auto type = std::string(req.headers.get("Content-Type").value_or(""));
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (http::iequals(type, "text/plain")) return UidFormat::kText;
  if (http::iequals(type, "text/csv")) return UidFormat::kCsv;
  throw core::Error(415, "unsupported_media_type", "Send the ids as text/plain or text/csv, one id a line");
}

UidUpload read_upload(const http::Request& req) {
  const auto format = read_format(req);
  return {req.upload && req.upload->size > 0 ? req.upload->path.string() : std::string(), format};
}

// Name and description come as query parameters when the body is the list itself.
UidListFields read_query_fields(const http::Request& req) {
  nlohmann::json doc = nlohmann::json::object();
  if (auto name = req.query_param("name")) doc["name"] = *name;
  if (auto description = req.query_param("description")) doc["description"] = *description;
  core::FieldErrors errors;
  core::JsonInput in(doc, errors);
  UidListFields f;
  f.name = in.required_string("name", {.min_chars = 1, .max_chars = 100});
  f.description = in.optional_string("description", {.min_chars = 0, .max_chars = 500});
  errors.throw_if_any();
  return f;
}

UidListFields read_body_fields(const http::Request& req) {
  auto in = core::JsonInput::parse(req.body);
  UidListFields f;
  f.name = in.optional_string("name", {.min_chars = 1, .max_chars = 100});
  f.description = in.optional_string("description", {.min_chars = 0, .max_chars = 500});
  in.finish();
  return f;
}

http::Response list_members(const UidListService& service, const http::Request& req) {
  // Keyed by the uid itself (members have no time), with the same parameters as every list.
  http::QueryInput q(req);
  const int limit = static_cast<int>(q.optional_int("limit", 1, kMaxMembersPage).value_or(100));
  std::string after;
  if (const auto cursor = req.query_param("cursor"); cursor && !cursor->empty()) {
    try {
      after = core::crypto::from_base64url(*cursor);
    } catch (const std::invalid_argument&) {
      q.add_error("cursor", "invalid", "Pass the nextCursor of the previous page");
    }
  }
  const auto offset = q.optional_int("offset", 0, core::kMaxPageOffset);
  if (offset && !after.empty()) q.add_error("offset", "conflict", "Give either a cursor or an offset, not both");
  q.finish();
  auto page = service.members(req.org_id, req.param("listId"), after, offset.value_or(0), limit);
  auto& ids = page.rows;
  nlohmann::json next = nullptr;
  if (ids.size() > static_cast<std::size_t>(limit)) {
    ids.resize(static_cast<std::size_t>(limit));
    next = core::crypto::base64url(ids.back());
  }
  return http::Response::json(200, {{"items", ids}, {"nextCursor", next}, {"total", page.total}});
}

}  // namespace

void mount_uid_list_routes(http::Router& router, const GrayServices& s) {
  UidListService* service = &s.lists;

  auto orgs = router.group("/api/v1/orgs/{orgId}/uid-lists");
  orgs.get("",
           [service](http::Request& req) {
             auto q = req.query_param("q").value_or("");
             if (q.size() > 100) {
               core::FieldErrors errors;
               errors.add("q", "too_long", "At most 100 characters");
               errors.throw_if_any();
             }
             const auto page = http::read_page_request(req);
             const auto key = [](const UidList& l) { return core::PageKey{l.created_ms, l.id}; };
             const auto item = [](const UidList& l) { return to_json(l); };
             return http::Response::json(
                 200, http::page_json(service->list(req.org_id, q, page), page, key, item));
           })
      .permission("apps:read");
  orgs.post("",
            [service](http::Request& req) {
              const auto fields = read_query_fields(req);
              const auto l = service->create(req.actor(), req.org_id, fields, read_upload(req));
              auto res = http::Response::json(201, to_json(l));
              res.headers.set("Location", fmt::format("/api/v1/uid-lists/{}", l.id));
              return res;
            })
      .permission("apps:release")
      .stream_to_file(kMaxUidUploadBytes)
      .blocking();

  auto lists = router.group("/api/v1/uid-lists");
  lists
      .get("/{listId}",
           [service](http::Request& req) {
             return http::Response::json(200, to_json(service->get(req.org_id, req.param("listId"))));
           })
      .permission("apps:read");
  lists
      .patch("/{listId}",
             [service](http::Request& req) {
               const auto fields = read_body_fields(req);
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.org_id, req.param("listId"), fields)));
             })
      .permission("apps:release")
      .body_limit(kMetaBodyLimit);
  lists
      .del("/{listId}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.org_id, req.param("listId"));
             return http::Response::no_content();
           })
      .permission("apps:release");
  lists.get("/{listId}/members", [service](http::Request& req) { return list_members(*service, req); })
      .permission("apps:read");
  for (const bool append : {false, true}) {
    auto handler = [service, append](http::Request& req) {
      const auto l = service->import(req.actor(), req.org_id, req.param("listId"), read_upload(req), append);
      return http::Response::json(200, to_json(l));
    };
    (append ? lists.post("/{listId}/members", handler) : lists.put("/{listId}/members", handler))
        .permission("apps:release")
        .stream_to_file(kMaxUidUploadBytes)
        .blocking();
  }
  lists
      .get("/{listId}/members/{uid}",
           [service](http::Request& req) {
             const auto& uid = req.param("uid");
             if (!service->contains(req.org_id, req.param("listId"), uid))
               throw core::Error::not_found("uid_lists.not_member", "This id is not in the list");
             return http::Response::json(200, {{"listId", req.param("listId")}, {"uid", uid}});
           })
      .permission("apps:read");
}

}  // namespace cove::gray
