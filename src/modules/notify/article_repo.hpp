#pragma once
// SQL of articles (no rules). Every call takes the owner explicitly: an organisation id, or ""
// for the platform's own articles, so no query can reach another owner's rows.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/notify/article_model.hpp"

namespace cove::notify {

void read_row(core::Row& r, Article& a);

namespace article_repo {

struct Filter {
  std::optional<std::string> state;
  std::optional<std::string> category;
};

void insert(core::Tx& tx, const Article& a);
void update(core::Tx& tx, const Article& a);
bool remove(core::Tx& tx, const std::string& owner, const std::string& id);
std::optional<Article> find(core::Conn& c, const std::string& owner, const std::string& id);
std::int64_t count(core::Conn& c, const std::string& owner);
core::Page<Article> list(core::Conn& c, const std::string& owner, const Filter& filter, const core::PageRequest& page);
// Every published article of every owner (the runtime catalog part).
std::vector<Article> published(core::Conn& c);
// The organisation of an organisation's article; nullopt for a platform one or none.
std::optional<std::string> org_of(core::Conn& c, const std::string& id);
bool cover_in_use(core::Conn& c, const std::string& sha256);

}  // namespace article_repo

}  // namespace cove::notify
