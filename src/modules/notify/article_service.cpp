#include "modules/notify/article_service.hpp"

#include <set>

#include <fmt/format.h>

#include "core/ids.hpp"
#include "core/media_type.hpp"
#include "modules/notify/markdown_render.hpp"
#include "modules/notify/notify_api.hpp"

namespace cove::notify {

namespace {

nlohmann::json summary(const Article& a) {
  return {{"title", a.title},
          {"category", a.category},
          {"state", a.state},
          {"hostAppIds", a.host_app_ids},
          {"publishMs", a.publish_ms ? nlohmann::json(*a.publish_ms) : nlohmann::json(nullptr)},
          {"coverSha256", a.cover ? nlohmann::json(a.cover->sha256) : nlohmann::json(nullptr)}};
}

core::Error invalid_transition(const Article& a, const char* wanted) {
  return core::Error(409, "notify.invalid_article_transition",
                     fmt::format("A {} article cannot be {}", a.state, wanted), {{"state", a.state}});
}

}  // namespace

void ArticleService::apply(core::Conn& c, Article& a, const ArticleFields& f) const {
  if (f.title) a.title = *f.title;
  if (f.summary) a.summary = *f.summary;
  if (f.body_markdown) {
    a.body_markdown = *f.body_markdown;
    auto rendered = render_markdown(a.body_markdown);
    a.body_html = std::move(rendered.html);
    a.body_text = std::move(rendered.text);
  }
  if (f.category) a.category = *f.category;
  if (f.tags) {
    std::set<std::string> seen;
    a.tags.clear();
    for (const auto& t : *f.tags) {
      if (seen.insert(t).second) a.tags.push_back(t);
    }
  }
  if (f.publish_ms) a.publish_ms = *f.publish_ms;
  if (f.host_app_ids) {
    std::set<std::string> unique(f.host_app_ids->begin(), f.host_app_ids->end());
    core::FieldErrors errors;
    std::size_t i = 0;
    for (const auto& h : *f.host_app_ids) {
      const auto org = host_owner_(c, h);
      // An organisation names only its own host apps; another one's reads as unknown (no probing).
      if (!org || (!a.org_id.empty() && *org != a.org_id))
        errors.add(fmt::format("hostAppIds[{}]", i), "unknown_host_app", "No host app of yours has this id");
      ++i;
    }
    errors.throw_if_any();
    a.host_app_ids.assign(unique.begin(), unique.end());
  }
}

Article ArticleService::require(core::Conn& c, const std::string& owner, const std::string& id) const {
  auto a = article_repo::find(c, owner, id);
  if (!a) throw errors::article_not_found();
  return *a;
}

void ArticleService::save(core::Tx& tx, const core::Actor& actor, const Article& before, Article after,
                          const char* action) {
  after.updated_ms = clock_.unix_millis();
  article_repo::update(tx, after);
  const core::AuditEntry entry{.org_id = after.org_id,
                               .action = action,
                               .target_type = "article",
                               .target_id = after.id,
                               .before = summary(before),
                               .after = summary(after)};
  const std::string_view kind = action;
  if (kind == "article.published") {
    changes_.record(tx, actor, events::ArticlePublished{after.org_id, after.id, after.state}, entry);
  } else if (kind == "article.archived") {
    changes_.record(tx, actor, events::ArticleArchived{after.org_id, after.id, after.state}, entry);
  } else {
    changes_.record(tx, actor, events::ArticleUpdated{after.org_id, after.id, after.state}, entry);
  }
}

Article ArticleService::create(const core::Actor& actor, const std::string& owner, const ArticleFields& fields) {
  return db_.write([&](core::Tx& tx) {
    if (article_repo::count(tx, owner) >= kMaxArticlesPerOwner) {
      throw core::Error(409, "notify.too_many_articles",
                        fmt::format("At most {} articles are kept; delete old ones first", kMaxArticlesPerOwner));
    }
    const auto now = clock_.unix_millis();
    Article a{.id = core::new_id("art"), .org_id = owner, .created_by = actor.principal->id, .created_ms = now,
              .updated_ms = now};
    apply(tx, a, fields);
    article_repo::insert(tx, a);
    changes_.record(tx, actor, events::ArticleCreated{a.org_id, a.id, a.state},
                    {.org_id = a.org_id, .target_type = "article", .target_id = a.id, .after = summary(a)});
    return a;
  });
}

Article ArticleService::update(const core::Actor& actor, const std::string& owner, const std::string& id,
                               const ArticleFields& fields) {
  return db_.write([&](core::Tx& tx) {
    const auto before = require(tx, owner, id);
    auto a = before;
    apply(tx, a, fields);
    if (a == before) return a;
    save(tx, actor, before, a, "article.updated");
    return require(tx, owner, id);
  });
}

void ArticleService::remove(const core::Actor& actor, const std::string& owner, const std::string& id) {
  db_.write([&](core::Tx& tx) {
    const auto before = require(tx, owner, id);
    article_repo::remove(tx, owner, id);
    changes_.record(tx, actor, events::ArticleDeleted{before.org_id, before.id, before.state},
                    {.org_id = before.org_id, .target_type = "article", .target_id = id, .before = summary(before)});
  });
}

Article ArticleService::get(const std::string& owner, const std::string& id) const {
  return db_.read([&](core::Conn& c) { return require(c, owner, id); });
}

core::Page<Article> ArticleService::list(const std::string& owner, const article_repo::Filter& filter,
                                         const core::PageRequest& page) const {
  return db_.read([&](core::Conn& c) { return article_repo::list(c, owner, filter, page); });
}

Article ArticleService::publish(const core::Actor& actor, const std::string& owner, const std::string& id,
                                std::optional<std::int64_t> at) {
  return db_.write([&](core::Tx& tx) {
    const auto before = require(tx, owner, id);
    if (before.state == "published") throw invalid_transition(before, "published");
    auto a = before;
    const auto now = clock_.unix_millis();
    a.state = "published";
    a.publish_ms = at ? *at : (a.publish_ms && *a.publish_ms > now ? *a.publish_ms : now);
    save(tx, actor, before, a, "article.published");
    return require(tx, owner, id);
  });
}

Article ArticleService::archive(const core::Actor& actor, const std::string& owner, const std::string& id) {
  return db_.write([&](core::Tx& tx) {
    const auto before = require(tx, owner, id);
    if (before.state != "published") throw invalid_transition(before, "archived");
    auto a = before;
    a.state = "archived";
    save(tx, actor, before, a, "article.archived");
    return require(tx, owner, id);
  });
}

Article ArticleService::set_cover(const core::Actor& actor, const std::string& owner, const std::string& id,
                                  const CoverUpload& up) {
  if (up.size == 0) throw core::Error::bad_request("empty_body", "Send the cover image as the request body");
  if (up.size > kMaxArticleCoverBytes) throw core::Error::payload_too_large(kMaxArticleCoverBytes);
  const auto type = core::sniff_media_type(core::read_head(up.path, 16));
  if (type != core::kPng && type != core::kJpeg) {
    throw core::Error(415, "unsupported_media_type", "The cover must be a PNG or JPEG image");
  }
  get(owner, id);  // 404 before storing anything
  const auto blob = blobs_.adopt(up.path, up.sha256);
  return db_.write([&](core::Tx& tx) {
    const auto before = require(tx, owner, id);
    auto a = before;
    a.cover = ArticleCover{blob.sha256, std::string(type), static_cast<std::int64_t>(blob.size)};
    save(tx, actor, before, a, "article.cover_set");
    return require(tx, owner, id);
  });
}

CoverFile ArticleService::cover(const std::string& owner, const std::string& id) const {
  const auto a = get(owner, id);
  const auto path = a.cover ? blobs_.path_of(a.cover->sha256) : std::nullopt;
  const auto size = a.cover ? blobs_.size(a.cover->sha256) : std::nullopt;
  if (!path || !size) throw core::Error::not_found("notify.no_cover", "This article has no cover image");
  return {*path, *size, a.cover->sha256, a.cover->content_type};
}

}  // namespace cove::notify
