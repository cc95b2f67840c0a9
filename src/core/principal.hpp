#pragma once
// Who is making a request, as the identity middleware resolved it. Core defines the shape the
// permission checks need; the accounts module fills it in.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace cove::core {

struct Principal {
  enum class Kind { kGuest, kUser, kApiKey, kSystem };
  Kind kind = Kind::kGuest;
  std::string id;    // usr_… or key_…; empty for guests
  std::string name;  // for logs and the operation log
  std::string platform_role;  // "" for non-operators
  std::string session_id;     // the sign-in session behind a user's access token
  std::string key_org_id;     // the organisation an API key belongs to
  // Non-empty when the principal must fix something first (an expired password, 2FA enrolment
  // an org requires): every route except those declared "self" answers 403 with this code.
  std::string restriction;
  std::set<std::string, std::less<>> platform_permissions;
  // orgId → permissions the principal holds in that org (an API key holds one org).
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> org_permissions;

  bool authenticated() const { return kind != Kind::kGuest; }
  bool can(std::string_view permission) const { return platform_permissions.contains(permission); }
  bool can_in_org(std::string_view org_id, std::string_view permission) const {
    auto it = org_permissions.find(org_id);
    return it != org_permissions.end() && it->second.contains(permission);
  }
  bool member_of(std::string_view org_id) const { return org_permissions.contains(org_id); }

  static std::shared_ptr<const Principal> guest();
  static std::shared_ptr<const Principal> system(std::string name);
};

// The principal plus where the request came from: what services need for the operation log.
struct Actor {
  std::shared_ptr<const Principal> principal = Principal::guest();
  std::string ip;
  std::string user_agent;
  std::string request_id;

  static Actor system(std::string name);
};

}  // namespace cove::core
