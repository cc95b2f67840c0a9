#pragma once
// Which organisation owns the resource a path parameter names ({appId}, {hostAppId}, {planId}…),
// so a route under that path can declare an organisation permission. The module that owns the
// resource registers its resolver; identity (accounts) consults the registry on every such route.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/db.hpp"

namespace cove::modules {

class OrgResolverRegistry {
 public:
  using Resolver = std::function<std::optional<std::string>(core::Conn&, const std::string& id)>;

  // Throws std::logic_error when `param` already has a resolver (two modules claiming one name).
  void add(std::string param, Resolver resolver);
  const Resolver* find(std::string_view param) const;

 private:
  std::map<std::string, Resolver, std::less<>> resolvers_;
};

}  // namespace cove::modules
