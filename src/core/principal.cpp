#include "core/principal.hpp"

namespace cove::core {

std::shared_ptr<const Principal> Principal::guest() {
  static const auto kGuest = std::make_shared<const Principal>();
  return kGuest;
}

std::shared_ptr<const Principal> Principal::system(std::string name) {
  auto p = std::make_shared<Principal>();
  p->kind = Kind::kSystem;
  p->id = "system";
  p->name = std::move(name);
  return p;
}

Actor Actor::system(std::string name) {
  Actor a;
  a.principal = Principal::system(std::move(name));
  return a;
}

}  // namespace cove::core
