#include "modules/platform/quota_registry.hpp"

#include <stdexcept>

namespace cove::modules {

void QuotaRegistry::declare(QuotaDecl decl) {
  if (find(decl.key)) throw std::logic_error("quota declared twice: " + decl.key);
  if (decl.min > decl.max || decl.default_limit < decl.min || decl.default_limit > decl.max) {
    throw std::logic_error("quota " + decl.key + ": the default must lie in [min, max]");
  }
  decls_.push_back(std::move(decl));
}

const QuotaDecl* QuotaRegistry::find(std::string_view key) const {
  for (const auto& d : decls_) {
    if (d.key == key) return &d;
  }
  return nullptr;
}

}  // namespace cove::modules
