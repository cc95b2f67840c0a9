#include "modules/gray/uid_set.hpp"

#include <bit>
#include <functional>
#include <stdexcept>

namespace cove::gray {

namespace {

std::uint64_t hash_of(std::string_view uid) { return std::hash<std::string_view>{}(uid); }

}  // namespace

void UidSet::Builder::reserve(std::size_t ids, std::size_t bytes) {
  hashes_.reserve(ids);
  offsets_.reserve(ids + 1);
  arena_.reserve(bytes);
}

void UidSet::Builder::add(std::string_view uid) {
  if (arena_.size() + uid.size() >= kEmpty) throw std::length_error("UID set text exceeds 4 GiB");
  if (offsets_.empty()) offsets_.push_back(0);
  hashes_.push_back(hash_of(uid));
  arena_.append(uid);
  offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
}

UidSet UidSet::Builder::build() && {
  UidSet set;
  set.arena_ = std::move(arena_);
  const std::size_t n = hashes_.size();
  set.slots_.resize(std::bit_ceil(std::max<std::size_t>(2 * n, 16)));
  const std::size_t mask = set.slots_.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t begin = offsets_[i];
    const std::uint32_t length = offsets_[i + 1] - begin;
    const std::string_view uid(set.arena_.data() + begin, length);
    for (std::size_t at = hashes_[i] & mask;; at = (at + 1) & mask) {
      auto& slot = set.slots_[at];
      if (slot.length == kEmpty) {
        slot = {hashes_[i], begin, length};
        ++set.size_;
        break;
      }
      if (slot.hash == hashes_[i] && std::string_view(set.arena_.data() + slot.offset, slot.length) == uid)
        break;  // a duplicate
    }
  }
  return set;
}

bool UidSet::contains(std::string_view uid) const {
  if (slots_.empty()) return false;
  const std::uint64_t h = hash_of(uid);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = h & mask;; at = (at + 1) & mask) {
    const auto& slot = slots_[at];
    if (slot.length == kEmpty) return false;
    if (slot.hash == h && std::string_view(arena_.data() + slot.offset, slot.length) == uid) return true;
  }
}

}  // namespace cove::gray
