#pragma once
// The platform's domain lists (operators, issue 15): a whitelist of hosts every mini-program may
// use without declaring them, on the channels an entry names, and a blocklist of hosts (and the
// names below them) none may use. Adding to the blocklist flags the mini-programs that declare a
// host it covers: the answer lists them and each gets an app_domains.blocked event; the runtime
// stops handing the host out at once.
#include <optional>
#include <string>
#include <vector>

#include "core/change_log.hpp"
#include "core/clock.hpp"
#include "core/db.hpp"
#include "modules/domains/domain_set_model.hpp"

namespace cove::domains {

struct PlatformDomainInput {
  std::string host;                // as parsed (parse_host)
  std::vector<std::string> kinds;  // whitelist only; kind names
  std::string note;
};

// A mini-program that declares hosts the blocklist covers.
struct FlaggedApp {
  std::string org_id, app_id;
  std::string blocked_host;
  std::vector<std::string> values;  // "<kind>: <entry>"
};
nlohmann::json to_json(const FlaggedApp& f);

struct AddResult {
  PlatformDomain entry;
  std::vector<FlaggedApp> flagged;  // blocklist only
};

class PlatformListService {
 public:
  PlatformListService(core::Db& db, core::ChangeLog& changes, const core::Clock& clock)
      : db_(db), changes_(changes), clock_(clock) {}

  std::vector<PlatformDomain> list(PlatformList list) const;
  // 409 domains.list_entry_exists for a host already in the list, 409 domains.list_full past
  // kMaxPlatformListEntries.
  AddResult add(const core::Actor& actor, PlatformList list, const PlatformDomainInput& input);
  // 404 domains.list_entry_not_found.
  void remove(const core::Actor& actor, PlatformList list, const std::string& host);
  // Every mini-program that declares a host the blocklist covers now.
  std::vector<FlaggedApp> flagged() const;

 private:
  core::Db& db_;
  core::ChangeLog& changes_;
  const core::Clock& clock_;
};

}  // namespace cove::domains
