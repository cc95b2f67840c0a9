#pragma once
// What the runtime API serves comes from several modules (DESIGN.md §8): apps (mini-programs,
// released versions, host apps, grants), gray (compiled running plans), and next domains, search
// and notify. Each registers a CatalogSource; the runtime rebuilds its snapshot when a topic a
// source names is emitted and asks every source for its part. Adding a source is not an edit of
// the runtime: a part the runtime does not know adds its fields to the answers through
// write_app_fields().
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/db.hpp"

namespace cove::modules {

class CatalogSource {
 public:
  virtual ~CatalogSource() = default;
  // Unique; the key of the part in the snapshot ("apps", "gray").
  virtual std::string_view name() const = 0;
  // Event-topic prefixes after which the snapshot must be rebuilt ("gray_plan.", "uid_list.").
  virtual std::vector<std::string> topics() const = 0;
  // Reads the part, inside the runtime's read transaction (one consistent view of every part).
  virtual std::shared_ptr<const void> load(core::Conn& c, std::int64_t now_ms) const = 0;
  // Fields this part adds to a mini-program's runtime answer for a host app (`body`, an object);
  // called while the snapshot is built, never on the request path. Default: none.
  virtual void add_app_fields(const void* /*part*/, std::string_view /*host_app_id*/, std::string_view /*app_id*/,
                              nlohmann::json& /*body*/) const {}
};

// A source whose part has type T.
template <class T>
class TypedCatalogSource : public CatalogSource {
 public:
  virtual std::shared_ptr<const T> load_part(core::Conn& c, std::int64_t now_ms) const = 0;
  std::shared_ptr<const void> load(core::Conn& c, std::int64_t now_ms) const final { return load_part(c, now_ms); }
};

// The parts of one snapshot, by source name.
class CatalogParts {
 public:
  void put(std::string name, std::shared_ptr<const void> part) { parts_[std::move(name)] = std::move(part); }
  // The part of type T a source of that name loaded; throws std::logic_error when absent.
  template <class T>
  const T& get(std::string_view name) const {
    const auto it = parts_.find(name);
    if (it == parts_.end() || !it->second) throw std::logic_error("no catalog part " + std::string(name));
    return *static_cast<const T*>(it->second.get());
  }
  const void* raw(std::string_view name) const {
    const auto it = parts_.find(name);
    return it == parts_.end() ? nullptr : it->second.get();
  }

 private:
  std::map<std::string, std::shared_ptr<const void>, std::less<>> parts_;
};

class CatalogSourceRegistry {
 public:
  // Throws std::logic_error for a name registered twice.
  void add(std::shared_ptr<const CatalogSource> source) {
    for (const auto& s : sources_) {
      if (s->name() == source->name()) throw std::logic_error("two catalog sources named " + std::string(s->name()));
    }
    sources_.push_back(std::move(source));
  }
  const std::vector<std::shared_ptr<const CatalogSource>>& sources() const { return sources_; }
  // Every topic prefix some source names.
  std::vector<std::string> topics() const {
    std::vector<std::string> out;
    for (const auto& s : sources_) {
      for (auto& t : s->topics()) out.push_back(std::move(t));
    }
    return out;
  }
  // Loads every part, in one read.
  CatalogParts load(core::Conn& c, std::int64_t now_ms) const {
    CatalogParts parts;
    for (const auto& s : sources_) parts.put(std::string(s->name()), s->load(c, now_ms));
    return parts;
  }

 private:
  std::vector<std::shared_ptr<const CatalogSource>> sources_;
};

}  // namespace cove::modules
