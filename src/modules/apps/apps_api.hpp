#pragma once
// The apps module's public service interface for the modules after it (DESIGN.md §1): the
// runtime's view of mini-programs and host apps, and the package-signing public key.
#include <string>

#include "core/db.hpp"
#include "modules/apps/runtime_view.hpp"

namespace cove::apps {

class AppsApi {
 public:
  virtual ~AppsApi() = default;
  // Everything the runtime catalog is built from.
  virtual RuntimeData runtime_data(core::Conn& c) const = 0;
  // The Ed25519 public key (SubjectPublicKeyInfo PEM) that verifies package signatures.
  virtual const std::string& signing_public_pem() const = 0;
};

}  // namespace cove::apps
