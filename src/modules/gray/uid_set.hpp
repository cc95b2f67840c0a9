#pragma once
// An immutable set of user ids for the runtime snapshot: O(1) exact membership with one probe
// sequence over a flat table (no node per id), so a list of a million ids costs about its text
// plus 16 bytes an id, and a lookup allocates nothing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cove::gray {

class UidSet {
 public:
  class Builder {
   public:
    void reserve(std::size_t ids, std::size_t bytes);
    void add(std::string_view uid);  // duplicates are kept once
    UidSet build() &&;

   private:
    std::string arena_;
    std::vector<std::uint64_t> hashes_;
    std::vector<std::uint32_t> offsets_;
  };

  bool contains(std::string_view uid) const;
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = kEmpty;
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;

  std::string arena_;
  std::vector<Slot> slots_;  // power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace cove::gray
