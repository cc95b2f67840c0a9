#include "modules/platform/org_resolvers.hpp"

#include <stdexcept>

namespace cove::modules {

void OrgResolverRegistry::add(std::string param, Resolver resolver) {
  if (resolvers_.contains(param)) throw std::logic_error("two org resolvers for {" + param + "}");
  resolvers_.emplace(std::move(param), std::move(resolver));
}

const OrgResolverRegistry::Resolver* OrgResolverRegistry::find(std::string_view param) const {
  const auto it = resolvers_.find(param);
  return it == resolvers_.end() ? nullptr : &it->second;
}

}  // namespace cove::modules
