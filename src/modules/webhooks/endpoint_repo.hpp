#pragma once
// SQL for webhook endpoints. `org_id` "" is the platform's scope; every lookup is scoped, so an
// id from another organisation reads as absent.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "core/page.hpp"
#include "modules/webhooks/webhook_model.hpp"

namespace cove::webhooks::endpoint_repo {

void read_row(core::Row& r, Endpoint& e);
std::optional<Endpoint> find(core::Conn& c, const std::string& org_id, const std::string& id);
std::optional<Endpoint> find_any(core::Conn& c, const std::string& id);
// The organisation owning an endpoint (platform endpoints have none: org routes answer 404).
std::optional<std::string> org_of(core::Conn& c, const std::string& id);
core::Page<Endpoint> list(core::Conn& c, const std::string& org_id, const core::PageRequest& page);
std::int64_t count(core::Conn& c, const std::string& org_id);
// Enabled endpoints that may receive an event of organisation `org_id` ("" : platform ones only).
std::vector<Endpoint> enabled_for(core::Conn& c, const std::string& org_id);
void insert(core::Tx& tx, const Endpoint& e);
void update(core::Tx& tx, const Endpoint& e);
void remove(core::Tx& tx, const std::string& id);
EndpointHealth health(core::Conn& c, const std::string& id, std::int64_t since_ms);

}  // namespace cove::webhooks::endpoint_repo

namespace cove::webhooks {
using endpoint_repo::read_row;  // found by core::Conn::query_* through argument-dependent lookup
}  // namespace cove::webhooks
