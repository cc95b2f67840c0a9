#pragma once
// SQL for certificate_requests (platform scope only: organisations store no keys).
#include <optional>
#include <string>
#include <vector>

#include "core/db.hpp"
#include "modules/domains/certificate_request_model.hpp"

namespace cove::domains {

void read_row(core::Row& r, CertificateRequest& c);

namespace certificate_request_repo {

std::vector<CertificateRequest> list(core::Conn& c);
std::optional<CertificateRequest> find(core::Conn& c, const std::string& id);
std::int64_t count(core::Conn& c);
void insert(core::Tx& tx, const CertificateRequest& r);
void remove(core::Tx& tx, const std::string& id);

}  // namespace certificate_request_repo

}  // namespace cove::domains
