// The bytes cmake/embed_gen.cmake puts in the binary: sizes come from assembler-computed symbols,
// so a wrong size (off by the trailing NUL, or a neighbour's length) would show up here as a
// migration or web page that differs from the file it was built from.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/web_assets.hpp"
#include "core/crypto.hpp"
#include "core/embedded.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A gzip member ends with ISIZE, the uncompressed length mod 2^32, little-endian (RFC 1952 §2.3.1).
std::uint32_t gzip_isize(std::string_view gz) {
  REQUIRE(gz.size() >= 18);
  std::uint32_t n = 0;
  for (int i = 0; i < 4; ++i) {
    n |= static_cast<std::uint32_t>(static_cast<unsigned char>(gz[gz.size() - 4 + i])) << (8 * i);
  }
  return n;
}

}  // namespace

TEST_CASE("embed: every migration is embedded byte for byte, with its hash and a NUL after it", "[embed]") {
  const fs::path dir = fs::path(COVE_SOURCE_DIR) / "migrations";
  std::size_t on_disk = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename().string().front() != '.') ++on_disk;
  }
  const auto files = cove::embedded_migrations::files();
  REQUIRE(files.size() == on_disk);
  for (const auto& f : files) {
    INFO(f.path);
    const std::string expected = read_file(dir / std::string(f.path));
    CHECK(f.data == expected);
    CHECK(cove::core::crypto::sha256_hex(f.data) == f.sha256);
    // Embedded text may be handed to C APIs: the generator puts a NUL right after the bytes.
    CHECK(f.data.data()[f.data.size()] == '\0');
    CHECK(f.gzip.empty());  // migrations are embedded without GZIP
  }
}

TEST_CASE("embed: web assets carry their hash and a gzip copy of exactly their bytes", "[embed]") {
  const auto files = cove::embedded_web::files();
  REQUIRE_FALSE(files.empty());
  std::size_t with_gzip = 0;
  for (const auto& f : files) {
    INFO(f.path);
    CHECK(cove::core::crypto::sha256_hex(f.data) == f.sha256);
    CHECK(f.data.data()[f.data.size()] == '\0');
    if (f.gzip.empty()) continue;
    ++with_gzip;
    CHECK(static_cast<unsigned char>(f.gzip[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(f.gzip[1]) == 0x8b);
    CHECK(gzip_isize(f.gzip) == static_cast<std::uint32_t>(f.data.size()));
    CHECK(f.gzip.size() < f.data.size());
  }
  // index.html (the built console or the fallback page) always compresses.
  CHECK(with_gzip >= 1);
}
