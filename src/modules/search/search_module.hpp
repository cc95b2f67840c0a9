#pragma once
// The search module (issue 18, docs/search.md): an FTS5 index of the mini-programs in the main
// database with a Chinese-first ICU tokenizer, kept current from the outbox, searched by host
// apps (/runtime/v1/search) and both consoles. Rebuilds run on a thread of their own.
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "modules/accounts/accounts_api.hpp"
#include "modules/apps/apps_api.hpp"
#include "modules/module.hpp"
#include "modules/search/indexer.hpp"
#include "modules/search/search_routes.hpp"
#include "modules/search/search_service.hpp"

namespace cove::search {

class SearchModule final : public modules::Module {
 public:
  SearchModule(modules::AppContext& app, accounts::AccountsApi& accounts, apps::AppsApi& apps);
  ~SearchModule() override;

  std::string_view name() const override { return "search"; }
  void register_routes(http::Router& router) override;
  void subscribe(core::EventBus& events) override;
  void start(modules::AppContext& app) override;
  void stop() override;

  // `cove search reindex`: a full rebuild on the calling thread (the server is not running).
  RebuildResult reindex_now();
  Indexer& indexer() { return *indexer_; }
  SearchService& service() { return *search_; }

 private:
  nlohmann::json status() const;
  bool start_rebuild();

  modules::AppContext& app_;
  std::unique_ptr<Indexer> indexer_;
  std::unique_ptr<SearchService> search_;
  std::unique_ptr<SearchServices> services_;
  std::mutex rebuild_mutex_;
  std::thread rebuild_thread_;
  std::atomic<bool> rebuilding_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> progress_{0};
};

}  // namespace cove::search
