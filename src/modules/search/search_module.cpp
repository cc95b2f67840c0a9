#include "modules/search/search_module.hpp"

#include "core/log.hpp"

namespace cove::search {

namespace {

// Thrown from a rebuild's progress callback to stop it at a batch boundary when the server stops;
// the index stays marked incomplete and the next start finishes the job.
struct Stopped {};

}  // namespace

SearchModule::SearchModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps)
    : app_(app) {
  indexer_ = std::make_unique<Indexer>(app.db, app.clock, apps, accounts);
  search_ = std::make_unique<SearchService>(app.db, app.clock);
  services_ = std::make_unique<SearchServices>(SearchServices{
      *search_, apps, [this] { return status(); },
      [this, &app](const core::Actor& actor) {
        std::lock_guard lock(rebuild_mutex_);
        if (rebuilding_) return false;
        app.db.write([&](core::Tx& tx) {
          core::AuditEntry entry;
          entry.action = "search.reindex";
          entry.target_type = "search_index";
          app.changes.record(tx, actor, entry);
        });
        return start_rebuild();
      }});
  // Popular queries (type-ahead) are counted in memory and written every few seconds, so the
  // runtime search itself never writes.
  app.jobs.schedule("search.flush_queries", std::chrono::seconds(5), [this] { search_->flush_queries(); });
}

SearchModule::~SearchModule() { stop(); }

void SearchModule::register_routes(http::Router& router) { mount_search_routes(router, *services_); }

void SearchModule::subscribe(core::EventBus& events) {
  // Everything a document holds or is filtered by: the mini-program's fields and state, its
  // release (app.json titles, recency), its associations, its organisation's name.
  events.subscribe("search.index",
                   {"app.", "version.released", "association.changed", "host_app.deleted", "org.updated"},
                   [this](const core::Event& e) {
                     if (e.topic == "host_app.deleted") {
                       indexer_->remove_host(e.payload.value("hostAppId", ""));
                     } else if (e.topic == "org.updated") {
                       indexer_->index_org(e.payload.value("orgId", ""));
                     } else if (const auto app_id = e.payload.value("appId", ""); !app_id.empty()) {
                       indexer_->index_app(app_id);
                     }
                   });
}

void SearchModule::start(modules::AppContext& /*app*/) {
  stopping_ = false;
  if (indexer_->prepare()) {
    std::lock_guard lock(rebuild_mutex_);
    start_rebuild();
  }
}

void SearchModule::stop() {
  stopping_ = true;
  std::thread t;
  {
    std::lock_guard lock(rebuild_mutex_);
    t = std::move(rebuild_thread_);
  }
  if (t.joinable()) t.join();
}

bool SearchModule::start_rebuild() {
  if (rebuilding_) return false;
  if (rebuild_thread_.joinable()) rebuild_thread_.join();
  rebuilding_ = true;
  progress_ = 0;
  rebuild_thread_ = std::thread([this] {
    try {
      const auto r = indexer_->rebuild([this](std::int64_t done) {
        progress_ = done;
        if (stopping_) throw Stopped{};
      });
      const auto docs = std::to_string(r.documents), removed = std::to_string(r.removed), ms = std::to_string(r.millis);
      core::log::info("search index rebuilt", {{"documents", docs}, {"removed", removed}, {"millis", ms}});
    } catch (const Stopped&) {
      core::log::info("search index rebuild stopped; it resumes at the next start");
    } catch (const std::exception& e) {
      core::log::error("search index rebuild failed", {{"error", e.what()}});
    }
    rebuilding_ = false;
  });
  return true;
}

RebuildResult SearchModule::reindex_now() {
  indexer_->prepare();
  return indexer_->rebuild();
}

nlohmann::json SearchModule::status() const {
  return app_.db.read([&](core::Conn& c) {
    const auto last = index_repo::state(c, "last_rebuild");
    nlohmann::json last_json = last ? nlohmann::json::parse(*last, nullptr, false) : nlohmann::json(nullptr);
    if (last_json.is_object() && last_json.contains("finishedMs")) {
      last_json["finishedAt"] = core::format_rfc3339_millis(last_json["finishedMs"].get<std::int64_t>());
      last_json.erase("finishedMs");
    }
    return nlohmann::json{{"format", kIndexFormat},
                          {"documents", index_repo::count(c)},
                          {"state", rebuilding_ ? "rebuilding" : "ready"},
                          {"progress", rebuilding_ ? nlohmann::json(progress_.load()) : nlohmann::json(nullptr)},
                          {"complete", index_repo::state(c, "complete") == "1"},
                          {"lastRebuild", last_json}};
  });
}

}  // namespace cove::search
