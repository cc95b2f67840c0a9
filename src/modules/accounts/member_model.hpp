#pragma once
// A member of an organisation: a user and their role there (`org_members` joined with `users`).
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace cove::accounts {

struct Member {
  std::string user_id;
  std::string email;
  std::string name;
  std::string role;         // owner | admin | developer | viewer
  std::string user_status;  // active | disabled (the account, platform-wide)
  bool two_factor = false;
  bool must_change_password = false;
  std::int64_t joined_ms = 0;
};

nlohmann::json to_json(const Member& m);

}  // namespace cove::accounts
