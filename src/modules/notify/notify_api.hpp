#pragma once
// What the notify module (issue 16: 通知中心, e-mail) offers the modules after it: the catalogue
// of notification kinds (notification_kinds.hpp) and its errors. Modules before it reach users
// through their outbox events, which this module subscribes to; they never call it.
#include "core/error.hpp"
#include "modules/notify/notification_kinds.hpp"

namespace cove::notify::errors {

inline core::Error notification_not_found() {
  return core::Error::not_found("notify.not_found", "No such notification in your inbox");
}

}  // namespace cove::notify::errors
