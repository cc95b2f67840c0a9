#include <sys/stat.h>

#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "core/blob_store.hpp"
#include "core/crypto.hpp"
#include "support/temp_dir.hpp"

using cove::core::BlobStore;
using cove::core::ByteRange;
using cove::core::parse_range;
using cove::core::RangeResult;
namespace fs = std::filesystem;

namespace {

constexpr const char* kHelloHash = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

std::size_t count_blobs(const BlobStore& store) {
  std::size_t n = 0;
  store.for_each([&](const std::string&, std::uint64_t) { ++n; });
  return n;
}

bool dir_empty(const fs::path& p) { return fs::is_empty(p); }

void write_file(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

void age(const fs::path& p, std::chrono::hours by) { fs::last_write_time(p, fs::last_write_time(p) - by); }

}  // namespace

TEST_CASE("blobs: put stores content under its hash and reads it back", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  const auto info = store.put("hello");
  CHECK(info.sha256 == kHelloHash);
  CHECK(info.size == 5);
  const auto path = store.path_of(kHelloHash);
  REQUIRE(path);
  CHECK(*path == dir / "blobs" / "sha256" / "2c" / "f2" / kHelloHash);
  CHECK(fs::is_regular_file(*path));
  CHECK(store.exists(kHelloHash));
  CHECK(store.size(kHelloHash) == 5u);
  CHECK(store.read(kHelloHash) == "hello");
  CHECK(dir_empty(dir / "blobs" / "tmp"));

  CHECK_FALSE(store.exists(cove::core::crypto::sha256_hex("absent")));
  CHECK(store.size(cove::core::crypto::sha256_hex("absent")) == std::nullopt);
}

TEST_CASE("blobs: identical content is stored once", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  store.put("same bytes");
  store.put("same bytes");
  store.put("other bytes");
  CHECK(count_blobs(store) == 2);
  CHECK(dir_empty(dir / "blobs" / "tmp"));
}

TEST_CASE("blobs: adopt moves a streamed temp file into place, or drops a duplicate", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  const std::string content(100000, 'z');
  const auto hash = cove::core::crypto::sha256_hex(content);

  const auto temp = store.temp_path();
  CHECK(temp.parent_path() == dir / "blobs" / "tmp");
  write_file(temp, content);
  const auto info = store.adopt(temp, hash);
  CHECK(info.sha256 == hash);
  CHECK(info.size == content.size());
  CHECK_FALSE(fs::exists(temp));
  CHECK(store.read(hash) == content);

  const auto duplicate = store.temp_path();
  write_file(duplicate, content);
  CHECK(store.adopt(duplicate, hash).size == content.size());
  CHECK_FALSE(fs::exists(duplicate));
  CHECK(count_blobs(store) == 1);

  const auto bad = store.temp_path();
  write_file(bad, "x");
  CHECK_THROWS_AS(store.adopt(bad, "../../etc/passwd"), std::invalid_argument);
  CHECK_THROWS_AS(store.adopt(bad, std::string(64, 'A')), std::invalid_argument);
  CHECK_THROWS_AS(store.adopt(dir / "missing", hash), std::invalid_argument);
}

TEST_CASE("blobs: hashes are validated so a client string never becomes a path", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  const std::string upper = "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824";
  for (const std::string& bad :
       {std::string("../x"), std::string(".."), std::string(""), upper, std::string(kHelloHash).substr(0, 63),
        std::string(kHelloHash) + "0", std::string("../../") + std::string(kHelloHash).substr(6),
        std::string(kHelloHash).substr(0, 63) + "g", std::string(kHelloHash).substr(0, 63) + "/"}) {
    INFO(bad);
    CHECK_FALSE(BlobStore::valid_hash(bad));
    CHECK(store.path_of(bad) == std::nullopt);
    CHECK_FALSE(store.exists(bad));
    CHECK_THROWS_AS(store.read(bad), std::invalid_argument);
  }
  CHECK(BlobStore::valid_hash(kHelloHash));
}

TEST_CASE("blobs: garbage collection keeps referenced and young blobs", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  const auto kept = store.put("referenced").sha256;
  const auto orphan = store.put("orphan").sha256;
  const auto young = store.put("young orphan").sha256;
  age(*store.path_of(kept), std::chrono::hours(48));
  age(*store.path_of(orphan), std::chrono::hours(48));
  const auto stale_temp = store.temp_path();
  write_file(stale_temp, "abandoned upload");
  age(stale_temp, std::chrono::hours(48));
  const auto live_temp = store.temp_path();
  write_file(live_temp, "upload in progress");

  std::set<std::string> asked;
  const auto removed = store.collect_garbage(
      [&](const std::string& h) {
        asked.insert(h);
        return h == kept;
      },
      std::chrono::hours(24));
  CHECK(removed == 1);
  CHECK(store.exists(kept));
  CHECK_FALSE(store.exists(orphan));
  CHECK(store.exists(young));
  CHECK_FALSE(asked.contains(young));  // young blobs are not even looked up
  CHECK_FALSE(fs::exists(stale_temp));
  CHECK(fs::exists(live_temp));
}

TEST_CASE("blobs: storing content again protects an old unreferenced blob from collection", "[core][blobs]") {
  cove::test::TempDir dir;
  BlobStore store(dir / "blobs");
  const auto hash = store.put("re-uploaded").sha256;
  age(*store.path_of(hash), std::chrono::hours(48));
  store.put("re-uploaded");  // a new upload whose row is not committed yet
  CHECK(store.collect_garbage([](const std::string&) { return false; }, std::chrono::hours(24)) == 0);
  CHECK(store.exists(hash));
}

TEST_CASE("blobs: parse_range handles single byte ranges", "[core][blobs]") {
  struct Case {
    const char* header;
    std::uint64_t size;
    RangeResult result;
    std::uint64_t offset;
    std::uint64_t length;
  };
  const Case cases[] = {
      {"bytes=0-99", 1000, RangeResult::kSatisfiable, 0, 100},
      {"bytes=100-199", 1000, RangeResult::kSatisfiable, 100, 100},
      {"bytes=500-", 1000, RangeResult::kSatisfiable, 500, 500},
      {"bytes=-100", 1000, RangeResult::kSatisfiable, 900, 100},
      {"bytes=-5000", 1000, RangeResult::kSatisfiable, 0, 1000},
      {"bytes=990-5000", 1000, RangeResult::kSatisfiable, 990, 10},
      {"bytes=999-999", 1000, RangeResult::kSatisfiable, 999, 1},
      {"Bytes = 0-0", 1000, RangeResult::kSatisfiable, 0, 1},
      {"bytes=0-99999999999999999999999", 1000, RangeResult::kSatisfiable, 0, 1000},
      {"bytes=1000-", 1000, RangeResult::kUnsatisfiable, 0, 0},
      {"bytes=1000-1001", 1000, RangeResult::kUnsatisfiable, 0, 0},
      {"bytes=99999999999999999999999-", 1000, RangeResult::kUnsatisfiable, 0, 0},
      {"bytes=-0", 1000, RangeResult::kUnsatisfiable, 0, 0},
      {"bytes=0-", 0, RangeResult::kUnsatisfiable, 0, 0},
      {"bytes=0-10,20-30", 1000, RangeResult::kNone, 0, 0},
      {"bytes=5-1", 1000, RangeResult::kNone, 0, 0},
      {"bytes=a-b", 1000, RangeResult::kNone, 0, 0},
      {"bytes=-", 1000, RangeResult::kNone, 0, 0},
      {"bytes=+1-2", 1000, RangeResult::kNone, 0, 0},
      {"items=0-1", 1000, RangeResult::kNone, 0, 0},
      {"bytes 0-1", 1000, RangeResult::kNone, 0, 0},
      {"", 1000, RangeResult::kNone, 0, 0},
  };
  for (const auto& c : cases) {
    INFO(c.header << " size " << c.size);
    ByteRange r;
    CHECK(parse_range(c.header, c.size, r) == c.result);
    if (c.result == RangeResult::kSatisfiable) {
      CHECK(r.offset == c.offset);
      CHECK(r.length == c.length);
    }
  }
}
