#include "modules/domains/domain_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "modules/domains/domain_repo.hpp"

namespace cove::domains {

bool if_match_satisfied(std::string_view header, std::string_view etag) {
  std::size_t start = 0;
  while (start <= header.size()) {
    const auto comma = header.find(',', start);
    auto item = header.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    // `*` matches the lists, which always exist (empty before the first declaration); a weak
    // ETag never matches under If-Match's strong comparison.
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

namespace {

DomainLists normalise(const RawLists& raw, const DomainPolicy& policy, const PlatformLists& platform,
                      core::FieldErrors& errors) {
  DomainLists out;
  for (const auto k : kKinds) {
    auto& list = out[kind_index(k)];
    const auto& entries = raw[kind_index(k)];
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto path = fmt::format("{}[{}]", kind_name(k), i);
      const auto p = parse_domain(entries[i], k, policy);
      if (!p.domain) {
        errors.add(path, p.error.code, p.error.message);
        continue;
      }
      if (const auto blocker = platform.blocker_of(p.domain->host); !blocker.empty()) {
        errors.add(path, "blocked", fmt::format("The platform does not allow {} (blocklist)", blocker));
        continue;
      }
      auto value = p.domain->canonical();
      if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
    }
  }
  return out;
}

nlohmann::json summary(const DomainLists& lists) { return lists_json(lists); }

}  // namespace

DomainSet DomainService::get(const std::string& org_id, const std::string& app_id) const {
  return db_.read([&](core::Conn& c) {
    if (!apps_.app_exists(c, org_id, app_id)) throw apps::errors::not_found();
    return domain_repo::find(c, org_id, app_id);
  });
}

DomainSet DomainService::replace(const core::Actor& actor, const std::string& org_id, const std::string& app_id,
                                 const RawLists& raw, const std::optional<std::string>& if_match,
                                 core::FieldErrors errors) {
  return db_.write([&](core::Tx& tx) {
    if (!apps_.app_exists(tx, org_id, app_id)) throw apps::errors::not_found();
    auto stored = domain_repo::find(tx, org_id, app_id);
    // Checked inside the write transaction: writes are serialised, so of two editors holding the
    // same ETag exactly one succeeds.
    if (!if_match) {
      throw core::Error(428, "domains.precondition_required",
                        "Send If-Match with the ETag of the lists you edited (GET answers it)",
                        {{"etag", etag_of(stored)}});
    }
    if (!if_match_satisfied(*if_match, etag_of(stored))) {
      throw core::Error(412, "domains.etag_mismatch", "The domain lists were changed since you read them; reload",
                        {{"etag", etag_of(stored)}});
    }
    const auto platform = load_platform_lists(tx);
    auto lists = normalise(raw, policy_, platform, errors);
    const auto limit = quotas_.limit(tx, org_id, kMaxDomainsPerKind);
    for (const auto k : kKinds) {
      const auto n = static_cast<std::int64_t>(lists[kind_index(k)].size());
      if (n > limit) {
        errors.add(std::string(kind_name(k)), "too_many",
                   fmt::format("At most {} domains in this list (the organisation's limit)", limit));
      }
    }
    errors.throw_if_any();
    if (lists == stored.lists) return stored;  // nothing changed, nothing to record
    DomainSet next = stored;
    next.lists = std::move(lists);
    next.revision = stored.revision + 1;
    next.updated_by = actor.principal->id;
    next.updated_ms = clock_.unix_millis();
    domain_repo::replace(tx, next);
    changes_.record(tx, actor, events::AppDomainsUpdated{org_id, app_id, next.revision},
                    {.org_id = org_id,
                     .target_type = "app",
                     .target_id = app_id,
                     .before = summary(stored.lists),
                     .after = summary(next.lists)});
    return next;
  });
}

DomainLists DomainService::effective(core::Conn& c, const std::string& org_id, const std::string& app_id) const {
  const auto set = domain_repo::find(c, org_id, app_id);
  return effective_lists(set.lists, load_platform_lists(c),
                         [&](const std::string& host) { return verified(c, org_id, host); });
}

}  // namespace cove::domains
