#pragma once
// SQL for certificates. Organisation certificates are read with their organisation; platform
// ones with none.
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/domains/certificate_model.hpp"

namespace cove::domains::certificate_repo {

// `org_id` "" for the platform's certificates; soonest expiry first.
std::vector<Certificate> list(core::Conn& c, const std::string& org_id);
std::optional<Certificate> find(core::Conn& c, const std::string& org_id, const std::string& id);
std::int64_t count(core::Conn& c, const std::string& org_id);
void insert(core::Tx& tx, const Certificate& cert);
void remove(core::Tx& tx, const std::string& org_id, const std::string& id);
void set_notified(core::Tx& tx, const std::string& id, int days);
// Every certificate (the expiry job; the SNI store reads platform ones with keys).
std::vector<Certificate> all(core::Conn& c);

}  // namespace cove::domains::certificate_repo
