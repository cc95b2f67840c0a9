#pragma once
// Files compiled into the binary by cmake/embed.cmake (migrations, the web console).
#include <cstddef>
#include <span>
#include <string_view>

namespace cove::core {

struct EmbeddedFile {
  std::string_view path;    // relative to the embedded directory, '/'-separated
  std::string_view data;    // raw bytes
  std::string_view gzip;    // precompressed copy, empty when not worth it
  std::string_view sha256;  // lowercase hex of `data`
};

}  // namespace cove::core

namespace cove::embedded_migrations {
std::span<const cove::core::EmbeddedFile> files();
}
