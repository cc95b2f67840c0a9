#pragma once
// Content-addressed blob store under <data>/blobs/sha256/ab/cd/<hash>. Writes go to a temp file,
// are fsynced and renamed into place, so a blob is either complete or absent; identical content
// is stored once. Thread-safe (the file system does the locking).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace cove::core {

struct BlobInfo {
  std::string sha256;  // lowercase hex
  std::uint64_t size = 0;
};

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root);  // creates root/sha256 and root/tmp

  // Stores bytes; returns their hash and size.
  BlobInfo put(std::string_view bytes);
  // Moves a fully written temp file (e.g. a streamed upload) into the store. `sha256` must be the
  // file's hash as computed while it was written (it is trusted, not recomputed); the file must
  // be on the store's file system (temp_path() is); it is fsynced before the rename. When the
  // blob already exists the temp file is deleted instead.
  BlobInfo adopt(const std::filesystem::path& temp_file, const std::string& sha256);
  // A fresh path in the store's tmp directory (same file system, so adopt() is a rename).
  std::filesystem::path temp_path() const;

  bool exists(std::string_view sha256) const;
  std::optional<std::uint64_t> size(std::string_view sha256) const;
  // Where a blob lives; nullopt for an invalid hash (never a client-controlled path).
  std::optional<std::filesystem::path> path_of(std::string_view sha256) const;
  std::string read(std::string_view sha256) const;  // whole blob; for small blobs only

  // Deletes blobs for which `is_referenced` is false and whose file is older than `grace`
  // (an upload in progress has a blob without a row for a moment). Returns blobs removed.
  std::size_t collect_garbage(const std::function<bool(const std::string&)>& is_referenced,
                              std::chrono::seconds grace);
  // Calls fn(sha256, size) for every stored blob.
  void for_each(const std::function<void(const std::string&, std::uint64_t)>& fn) const;
  const std::filesystem::path& root() const { return root_; }

  static bool valid_hash(std::string_view sha256);

 private:
  std::filesystem::path root_;
};

// HTTP range parsing for blob serving: a single "bytes=a-b" / "bytes=a-" / "bytes=-n" range.
struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t length = 0;
};
enum class RangeResult { kNone, kSatisfiable, kUnsatisfiable };
RangeResult parse_range(std::string_view header, std::uint64_t size, ByteRange& out);

}  // namespace cove::core
