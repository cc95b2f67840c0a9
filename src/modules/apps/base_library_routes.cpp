// Base-library versions: anyone signed in reads the list (the version form offers it); operators
// with platform:settings manage it.
#include "modules/apps/apps_routes.hpp"
#include "modules/apps/base_library_service.hpp"

namespace cove::apps {

namespace {

constexpr core::StringRule kNotesRule{.min_chars = 0, .max_chars = 1000, .multiline = true};

nlohmann::json list_json(const std::vector<BaseLibrary>& rows) {
  auto items = nlohmann::json::array();
  for (const auto& b : rows) items.push_back(to_json(b));
  // The whole list in one page (a bounded set), in the shape of every list.
  const auto total = items.size();
  return {{"items", std::move(items)}, {"nextCursor", nullptr}, {"total", total}};
}

}  // namespace

void mount_base_library_routes(http::Router& router, const AppsServices& services) {
  auto* service = &services.base_libraries;

  router.group("/api/v1/base-libraries")
      .get("", [service](http::Request&) { return http::Response::json(200, list_json(service->list())); })
      .permission("self");

  auto platform = router.group("/api/v1/platform/base-libraries");
  platform
      .post("",
            [service](http::Request& req) {
              auto in = core::JsonInput::parse(req.body);
              const auto version = in.required_string("version", {.min_chars = 1, .max_chars = 32});
              const auto notes = in.optional_string("notes", kNotesRule).value_or("");
              in.finish();
              return http::Response::json(201, to_json(service->add(req.actor(), version, notes)));
            })
      .permission("platform:settings");

  platform
      .patch("/{version}",
             [service](http::Request& req) {
               auto in = core::JsonInput::parse(req.body);
               auto status = in.optional_string("status", {.min_chars = 1, .max_chars = 20});
               if (status && *status != "active" && *status != "deprecated") {
                 in.add_error("status", "unknown_value", "Use active or deprecated");
               }
               const auto notes = in.optional_string("notes", kNotesRule);
               in.finish();
               return http::Response::json(
                   200, to_json(service->update(req.actor(), req.param("version"), status, notes)));
             })
      .permission("platform:settings");

  platform
      .del("/{version}",
           [service](http::Request& req) {
             service->remove(req.actor(), req.param("version"));
             return http::Response::no_content();
           })
      .permission("platform:settings");
}

}  // namespace cove::apps
