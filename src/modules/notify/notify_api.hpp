#pragma once
// What the notify module (issue 16: 通知中心, e-mail, announcements, articles) offers the modules
// after it: the catalogue of notification kinds (notification_kinds.hpp), its events, its errors
// and the runtime catalog part of published articles (article_catalog.hpp), which the runtime
// module serves at /runtime/v1/articles. Modules before it reach users through their outbox
// events, which this module subscribes to; they never call it.
#include <string>
#include <string_view>
#include <tuple>

#include "core/error.hpp"
#include "core/event_type.hpp"
#include "modules/notify/article_catalog.hpp"
#include "modules/notify/notification_kinds.hpp"

namespace cove::notify {

namespace events {

template <const char* Topic>
struct AnnouncementEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string announcement_id, audience, severity;
  static constexpr auto fields() {
    return std::tuple{core::field("announcementId", &AnnouncementEvent::announcement_id),
                      core::field("audience", &AnnouncementEvent::audience),
                      core::field("severity", &AnnouncementEvent::severity)};
  }
};
inline constexpr char kAnnouncementCreated[] = "announcement.created";
inline constexpr char kAnnouncementUpdated[] = "announcement.updated";
inline constexpr char kAnnouncementDeleted[] = "announcement.deleted";
using AnnouncementCreated = AnnouncementEvent<kAnnouncementCreated>;
using AnnouncementUpdated = AnnouncementEvent<kAnnouncementUpdated>;
using AnnouncementDeleted = AnnouncementEvent<kAnnouncementDeleted>;

// An article changed; orgId is "" for a platform-wide article. The runtime catalog rebuilds on
// every `article.` topic.
template <const char* Topic>
struct ArticleEvent {
  static constexpr std::string_view kTopic = Topic;
  std::string org_id, article_id, state;
  static constexpr auto fields() {
    return std::tuple{core::field("orgId", &ArticleEvent::org_id), core::field("articleId", &ArticleEvent::article_id),
                      core::field("state", &ArticleEvent::state)};
  }
};
inline constexpr char kArticleCreated[] = "article.created";
inline constexpr char kArticleUpdated[] = "article.updated";
inline constexpr char kArticlePublished[] = "article.published";
inline constexpr char kArticleArchived[] = "article.archived";
inline constexpr char kArticleDeleted[] = "article.deleted";
using ArticleCreated = ArticleEvent<kArticleCreated>;
using ArticleUpdated = ArticleEvent<kArticleUpdated>;
using ArticlePublished = ArticleEvent<kArticlePublished>;
using ArticleArchived = ArticleEvent<kArticleArchived>;
using ArticleDeleted = ArticleEvent<kArticleDeleted>;

}  // namespace events

namespace errors {

inline core::Error notification_not_found() {
  return core::Error::not_found("notify.not_found", "No such notification in your inbox");
}
inline core::Error announcement_not_found() {
  return core::Error::not_found("notify.announcement_not_found", "No such announcement");
}
inline core::Error article_not_found() {
  return core::Error::not_found("notify.article_not_found", "No such article");
}

}  // namespace errors

}  // namespace cove::notify
