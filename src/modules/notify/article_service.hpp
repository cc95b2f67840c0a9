#pragma once
// Articles: create, edit, delete, publish (now or at a scheduled time), archive and the cover
// image, for one owner at a time — an organisation, or "" for the platform's own articles. Every
// change writes the operation log and an `article.` event in its transaction; the runtime
// catalog rebuilds on those events.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/blob_store.hpp"
#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "core/page.hpp"
#include "core/principal.hpp"
#include "modules/notify/article_model.hpp"
#include "modules/notify/article_repo.hpp"

namespace cove::notify {

// A streamed upload (hashed while it arrived).
struct CoverUpload {
  std::filesystem::path path;
  std::string sha256;
  std::uint64_t size = 0;
};

// The stored cover ready to be served.
struct CoverFile {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::string sha256;
  std::string content_type;
};

class ArticleService {
 public:
  // The organisation owning a host app, nullopt when there is none (the apps module's resolver).
  using HostAppOwner = std::function<std::optional<std::string>(core::Conn&, const std::string&)>;

  ArticleService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock, core::BlobStore& blobs,
                 HostAppOwner host_owner)
      : db_(db), changes_(changes), clock_(clock), blobs_(blobs), host_owner_(std::move(host_owner)) {}

  // 400 validation_failed (a host app not the owner's is `unknown_host_app`); 409
  // notify.too_many_articles beyond kMaxArticlesPerOwner.
  Article create(const core::Actor& actor, const std::string& owner, const ArticleFields& fields);
  Article update(const core::Actor& actor, const std::string& owner, const std::string& id,
                 const ArticleFields& fields);
  void remove(const core::Actor& actor, const std::string& owner, const std::string& id);
  Article get(const std::string& owner, const std::string& id) const;
  core::Page<Article> list(const std::string& owner, const article_repo::Filter& filter,
                           const core::PageRequest& page) const;
  // draft or archived → published, visible from `at` (default: the scheduled time if it is
  // ahead, else now); 409 notify.invalid_article_transition when already published.
  Article publish(const core::Actor& actor, const std::string& owner, const std::string& id,
                  std::optional<std::int64_t> at);
  // published → archived; 409 notify.invalid_article_transition otherwise.
  Article archive(const core::Actor& actor, const std::string& owner, const std::string& id);
  // A PNG or JPEG of at most kMaxArticleCoverBytes (415 / 413 otherwise).
  Article set_cover(const core::Actor& actor, const std::string& owner, const std::string& id,
                    const CoverUpload& upload);
  CoverFile cover(const std::string& owner, const std::string& id) const;

 private:
  void apply(core::Conn& c, Article& a, const ArticleFields& f) const;
  Article require(core::Conn& c, const std::string& owner, const std::string& id) const;
  void save(core::Tx& tx, const core::Actor& actor, const Article& before, Article after, const char* action);

  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
  core::BlobStore& blobs_;
  HostAppOwner host_owner_;
};

}  // namespace cove::notify
