#pragma once
// Articles (文章发布中心): pieces for host apps' end users, written by operators (platform-wide)
// or by an organisation (for its own host apps). draft → published (at once or at a scheduled
// time) → archived; an archived article may be published again.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cove::notify {

inline constexpr std::size_t kMaxArticleTitleChars = 200;
inline constexpr std::size_t kMaxArticleSummaryChars = 500;
inline constexpr std::size_t kMaxArticleCategoryChars = 50;
inline constexpr std::size_t kMaxArticleTags = 10;
inline constexpr std::size_t kMaxArticleTagChars = 30;
inline constexpr std::size_t kMaxArticleTargets = 100;
inline constexpr std::uint64_t kMaxArticleCoverBytes = 2 * 1024 * 1024;
// Articles one organisation (or the platform) keeps, in any state.
inline constexpr std::int64_t kMaxArticlesPerOwner = 1000;

struct ArticleCover {
  std::string sha256;
  std::string content_type;
  std::int64_t size = 0;
  bool operator==(const ArticleCover&) const = default;
};

struct Article {
  std::string id;      // art_…
  std::string org_id;  // "" for a platform-wide article
  std::string title;
  std::string summary;
  std::string body_markdown;
  std::string body_html;  // rendered and sanitised when the body is written
  std::string body_text;
  std::string category;
  std::vector<std::string> tags;
  std::vector<std::string> host_app_ids;  // empty: every host app of the owner
  std::optional<ArticleCover> cover;
  std::string state = "draft";  // draft | published | archived
  std::optional<std::int64_t> publish_ms;  // when it appears (set by publishing; may be ahead)
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  bool operator==(const Article&) const = default;
};

// `cover_base`: the console path of the cover ("/api/v1/articles/{id}/cover" or the platform's).
nlohmann::json to_json(const Article& a, std::string_view cover_base);

struct ArticleFields {
  std::optional<std::string> title, summary, body_markdown, category;
  std::optional<std::vector<std::string>> tags, host_app_ids;
  std::optional<std::optional<std::int64_t>> publish_ms;  // a schedule set ahead of publishing
};

}  // namespace cove::notify
