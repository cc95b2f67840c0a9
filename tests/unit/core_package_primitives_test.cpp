// SemVer, Ed25519 and zip inspection: what package upload and release stand on.
#include <catch2/catch.hpp>

#include <fstream>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/ed25519.hpp"
#include "core/error.hpp"
#include "core/semver.hpp"
#include "core/zip_inspect.hpp"
#include "core/zip_names.hpp"
#include "support/temp_dir.hpp"
#include "support/zip_builder.hpp"

using namespace cove;

TEST_CASE("SemVer parses strictly", "[semver]") {
  for (const char* ok : {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
                         "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85"}) {
    INFO(ok);
    auto v = core::SemVer::parse(ok);
    REQUIRE(v);
    CHECK(v->to_string() == ok);
  }
  for (const char* bad : {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "v1.2.3", "1.2.3-", "1.2.3-01",
                          "1.2.3-a..b", "1.2.3+", "1.2.-3", " 1.2.3", "1.2.3-é"}) {
    INFO(bad);
    CHECK_FALSE(core::SemVer::parse(bad).has_value());
  }
}

TEST_CASE("SemVer precedence follows the specification", "[semver]") {
  // The chain from SemVer 2.0.0 §11.
  const char* chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                         "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0", "10.0.0"};
  for (std::size_t i = 0; i + 1 < std::size(chain); ++i) {
    INFO(chain[i] << " < " << chain[i + 1]);
    CHECK(core::compare(*core::SemVer::parse(chain[i]), *core::SemVer::parse(chain[i + 1])) < 0);
    CHECK(core::compare(*core::SemVer::parse(chain[i + 1]), *core::SemVer::parse(chain[i])) > 0);
  }
  CHECK(core::compare(*core::SemVer::parse("1.0.0+a"), *core::SemVer::parse("1.0.0+b")) == 0);
}

TEST_CASE("Ed25519 signatures verify with the published key only", "[ed25519]") {
  auto key = core::Ed25519Key::generate();
  const auto message = core::crypto::sha256_hex("package bytes");
  const auto sig = key.sign(message);
  CHECK(sig.size() == 64);
  CHECK(core::ed25519_verify(key.public_pem(), message, sig));
  CHECK_FALSE(core::ed25519_verify(key.public_pem(), message + "0", sig));
  auto other = core::Ed25519Key::generate();
  CHECK_FALSE(core::ed25519_verify(other.public_pem(), message, sig));
  // The key survives a PEM round trip (it is stored in data/secrets/).
  auto reloaded = core::Ed25519Key::from_private_pem(key.private_pem());
  CHECK(reloaded.public_pem() == key.public_pem());
  CHECK(core::ed25519_verify(key.public_pem(), message, reloaded.sign(message)));
  CHECK_THROWS(core::Ed25519Key::from_private_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
}

namespace {
std::string code_of(const std::filesystem::path& p, const core::ZipLimits& limits = {}) {
  try {
    core::inspect_zip(p, limits);
  } catch (const core::Error& e) {
    CHECK(e.status() == 400);
    return e.code();
  }
  return "ok";
}
}  // namespace

TEST_CASE("zip inspection lists entries with hashes and reads app.json", "[zip]") {
  test::TempDir tmp("cove-zip");
  const auto dir = tmp.path();
  const auto p = dir / "ok.zip";
  test::write_zip(p, {{"app.json", R"({"pages":["pages/index"],"window":{"title":"Demo"}})"},
                      {"pages/index.js", "console.log('hi')"},
                      {"assets/", ""}});
  const auto z = core::inspect_zip(p);
  REQUIRE(z.entries.size() == 3);
  CHECK(z.entries[1].name == "pages/index.js");
  CHECK(z.entries[1].sha256 == core::crypto::sha256_hex("console.log('hi')"));
  CHECK(z.entries[2].directory);
  REQUIRE(z.manifest);
  CHECK(z.manifest->find("Demo") != std::string::npos);
}

TEST_CASE("zip inspection rejects hostile and broken packages", "[zip]") {
  test::TempDir tmp("cove-zip");
  const auto dir = tmp.path();
  const auto make = [&](const char* name, std::vector<test::ZipItem> items) {
    const auto p = dir / name;
    test::write_zip(p, items);
    return p;
  };
  CHECK(code_of(make("dotdot.zip", {{"../../etc/passwd", "x"}})) == "packages.unsafe_path");
  CHECK(code_of(make("inner.zip", {{"a/../../b", "x"}})) == "packages.unsafe_path");
  CHECK(code_of(make("abs.zip", {{"/etc/passwd", "x"}})) == "packages.unsafe_path");
  CHECK(code_of(make("backslash.zip", {{"a\\..\\b", "x"}})) == "packages.unsafe_path");
  CHECK(code_of(make("drive.zip", {{"C:/win.ini", "x"}})) == "packages.unsafe_path");
  CHECK(code_of(make("link.zip", {{"link", "/etc/passwd", true}})) == "packages.unsafe_path");

  std::vector<test::ZipItem> many;
  for (int i = 0; i < 12; ++i) many.push_back({fmt::format("f{}", i), "x"});
  CHECK(code_of(make("many.zip", many), {.max_entries = 10}) == "packages.too_many_entries");

  // 20 MiB of zeros deflates to ~20 KiB: a ratio far past any real package.
  CHECK(code_of(make("bomb.zip", {{"zeros.bin", std::string(20 * 1024 * 1024, '\0')}})) == "packages.zip_bomb");
  // Incompressible data past the expanded-size limit.
  CHECK(code_of(make("big.zip", {{"random.bin", core::crypto::random_bytes(3 * 1024 * 1024)}}),
                {.max_total_uncompressed = 2 * 1024 * 1024}) == "packages.too_large");

  const auto text = dir / "text.zip";
  std::ofstream(text) << "this is not a zip file at all";
  CHECK(code_of(text) == "packages.not_a_zip");

  const auto good = make("good.zip", {{"a.txt", std::string(50000, 'a')}, {"b.txt", "b"}});
  const auto truncated = dir / "truncated.zip";
  std::filesystem::copy_file(good, truncated);
  std::filesystem::resize_file(truncated, std::filesystem::file_size(good) / 2);
  const auto c = code_of(truncated);
  CHECK((c == "packages.corrupt" || c == "packages.not_a_zip"));
}

TEST_CASE("zip names are checked as extracting tools read them", "[zip]") {
  test::TempDir tmp("cove-zip");
  const auto dir = tmp.path();
  const auto make = [&](const char* name, std::vector<test::ZipItem> items) {
    const auto p = dir / name;
    test::write_zip(p, items);
    return p;
  };
  // unzip and Python's zipfile cut "index.js\0" at the NUL, so it overwrites index.js on
  // extraction; libzip alone would report "index.js " (a space) and let it through.
  const auto nul = make("nul.zip", {{"pages/index.js", "Page({})"}, {"pages/index.jsX", "evil()"}});
  test::patch_bytes(nul, "pages/index.jsX", std::string("pages/index.js\0", 15));
  CHECK(code_of(nul) == "packages.control_character");
  const auto raw = core::read_raw_zip_names(nul);
  REQUIRE(raw.size() == 2);
  CHECK(raw[1].name == std::string("pages/index.js\0", 15));

  CHECK(code_of(make("tab.zip", {{"a\tb.js", "x"}})) == "packages.control_character");
  CHECK(code_of(make("c1.zip", {{"a\xC2\x85" "b.js", "x"}})) == "packages.control_character");      // U+0085
  CHECK(code_of(make("rlo.zip", {{"gpj\xE2\x80\xAE.js", "x"}})) == "packages.control_character");  // U+202E
  CHECK(code_of(make("latin1.zip", {{"caf\xE9.js", "x"}})) == "packages.invalid_name_encoding");
  CHECK(code_of(make("overlong.zip", {{"\xC0\xAF.js", "x"}})) == "packages.invalid_name_encoding");
  CHECK(code_of(make("surrogate.zip", {{"\xED\xA0\x80.js", "x"}})) == "packages.invalid_name_encoding");

  CHECK(code_of(make("case.zip", {{"pages/Index.js", "a"}, {"pages/index.js", "b"}})) == "packages.name_collision");
  CHECK(code_of(make("dir-case.zip", {{"Pages/a.js", "a"}, {"pages/a.js", "b"}})) == "packages.name_collision");
  // "é" precomposed (U+00E9) and decomposed (e + U+0301): one file on macOS.
  CHECK(code_of(make("nfd.zip", {{"caf\xC3\xA9.js", "a"}, {"cafe\xCC\x81.js", "b"}})) ==
        "packages.name_collision");
  CHECK(code_of(make("width.zip", {{"\xEF\xBC\xA1.js", "a"}, {"a.js", "b"}})) == "packages.name_collision");  // Ａ
  // A full-width solidus and full stops fold to "/.." — a path some systems take apart.
  CHECK(code_of(make("fullwidth-dots.zip", {{"a\xEF\xBC\x8F\xEF\xBC\x8E\xEF\xBC\x8E\xEF\xBC\x8F" "b", "x"}})) ==
        "packages.unsafe_path");

  CHECK(code_of(make("fifo.zip", {{"pipe", "", false, false, {}, 0010644}})) == "packages.special_file");
  CHECK(code_of(make("chardev.zip", {{"tty", "", false, false, {}, 0020644}})) == "packages.special_file");
  CHECK(code_of(make("blockdev.zip", {{"disk", "", false, false, {}, 0060644}})) == "packages.special_file");
  CHECK(code_of(make("socket.zip", {{"sock", "", false, false, {}, 0140755}})) == "packages.special_file");

  // What real packages hold stays accepted: Chinese names, modes of files and directories.
  CHECK(code_of(make("fine.zip", {{"pages/首页/index.js", "a", false, false, {}, 0100644},
                                  {"static/", "", false, false, {}, 0040755},
                                  {"static/图标.png", "b"}})) == "ok");
}

TEST_CASE("safe entry names", "[zip]") {
  CHECK(core::safe_entry_name("pages/index.js"));
  CHECK(core::safe_entry_name("dir/"));
  CHECK(core::safe_entry_name("a..b/c"));
  CHECK_FALSE(core::safe_entry_name(""));
  CHECK_FALSE(core::safe_entry_name("./a"));
  CHECK_FALSE(core::safe_entry_name("a//b"));
  CHECK_FALSE(core::safe_entry_name(std::string("a\nb")));
}
