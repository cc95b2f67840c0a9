#pragma once
// The web console embedded by cmake/web.cmake (web/dist, or web/fallback when not built).
#include <span>

#include "core/embedded.hpp"

namespace cove::embedded_web {
std::span<const cove::core::EmbeddedFile> files();
}
