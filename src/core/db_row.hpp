#pragma once
// Binding values to a statement and reading a result row, in order, so a repository function is
// its SQL and its mapping instead of numbered bind() and getColumn() calls:
//
//   c.exec("UPDATE apps SET name = ?, updated_ms = ? WHERE id = ?", a.name, a.updated_ms, a.id);
//   auto n = c.query_one<std::int64_t>("SELECT count(*) FROM apps WHERE org_id = ?", org_id);
//   auto apps = c.query_all<App>("SELECT " + kColumns + " FROM apps WHERE org_id = ?", org_id);
//
// Values bind as their SQL type: text (std::string, string_view, const char*), integers, bool
// (0/1), double, nlohmann::json (its text), std::optional (NULL when empty) and core::Null; a
// column of JSON text also reads into std::vector<std::string>.
// A row type T is read by a `void read_row(core::Row&, T&)` found by argument-dependent lookup
// (defined beside T's repository), scalars and optionals directly.
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

namespace cove::core {

struct Null {};

// Columns where "none" is stored as NULL while the struct holds "" or 0.
inline std::optional<std::string> null_if_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}
inline std::optional<std::int64_t> null_if_zero(std::int64_t v) {
  return v == 0 ? std::nullopt : std::optional<std::int64_t>(v);
}
inline std::optional<nlohmann::json> null_if_null(const nlohmann::json& j) {
  return j.is_null() ? std::nullopt : std::optional<nlohmann::json>(j);
}

// Reads the columns of the statement's current row left to right.
class Row {
 public:
  explicit Row(SQLite::Statement& st) : st_(st) {}

  template <class... T>
  void read(T&... out) {
    (read_one(out), ...);
  }
  template <class T>
  T get() {
    T value{};
    read_one(value);
    return value;
  }
  // Whether the next column is NULL (it is not consumed).
  bool null() const { return st_.isColumnNull(index_); }
  void skip(int columns = 1) { index_ += columns; }

  void read_one(std::string& out) {
    const auto col = st_.getColumn(index_++);
    out = col.isNull() ? std::string() : col.getString();  // NULL reads as ""
  }
  void read_one(std::int64_t& out) { out = st_.getColumn(index_++).getInt64(); }
  void read_one(int& out) { out = st_.getColumn(index_++).getInt(); }
  void read_one(bool& out) { out = st_.getColumn(index_++).getInt() != 0; }
  void read_one(double& out) { out = st_.getColumn(index_++).getDouble(); }
  // Stored JSON text; NULL reads as null. Malformed text throws (it is ours, never a client's).
  void read_one(nlohmann::json& out) {
    const auto col = st_.getColumn(index_++);
    out = col.isNull() ? nlohmann::json(nullptr) : nlohmann::json::parse(col.getString());
  }
  // A stored JSON array of strings (scopes, IP ranges, API names); anything else reads as empty.
  void read_one(std::vector<std::string>& out) {
    nlohmann::json doc;
    read_one(doc);
    out.clear();
    if (!doc.is_array()) return;
    for (const auto& v : doc) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  template <class T>
  void read_one(std::optional<T>& out) {
    if (null()) {
      ++index_;
      out.reset();
      return;
    }
    T value{};
    read_one(value);
    out = std::move(value);
  }

 private:
  SQLite::Statement& st_;
  int index_ = 0;
};

namespace db_detail {

inline void bind_one(SQLite::Statement& st, int& i, const std::string& v) { st.bind(i++, v); }
inline void bind_one(SQLite::Statement& st, int& i, std::string_view v) { st.bind(i++, std::string(v)); }
inline void bind_one(SQLite::Statement& st, int& i, const char* v) { st.bind(i++, v); }
inline void bind_one(SQLite::Statement& st, int& i, bool v) { st.bind(i++, v ? 1 : 0); }
inline void bind_one(SQLite::Statement& st, int& i, double v) { st.bind(i++, v); }
inline void bind_one(SQLite::Statement& st, int& i, Null) { st.bind(i++); }
inline void bind_one(SQLite::Statement& st, int& i, std::nullopt_t) { st.bind(i++); }
inline void bind_one(SQLite::Statement& st, int& i, const nlohmann::json& v) { st.bind(i++, v.dump()); }
template <std::integral T>
  requires(!std::same_as<T, bool>)
void bind_one(SQLite::Statement& st, int& i, T v) {
  st.bind(i++, static_cast<std::int64_t>(v));
}
template <class T>
void bind_one(SQLite::Statement& st, int& i, const std::optional<T>& v) {
  if (v) {
    bind_one(st, i, *v);
  } else {
    st.bind(i++);
  }
}

template <class T>
concept Scalar = std::same_as<T, std::string> || std::same_as<T, std::int64_t> || std::same_as<T, int> ||
                 std::same_as<T, bool> || std::same_as<T, double> || std::same_as<T, nlohmann::json>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
T read_value(SQLite::Statement& st) {
  Row row(st);
  T out{};
  if constexpr (Scalar<T> || is_optional<T>::value) {
    row.read_one(out);
  } else {
    read_row(row, out);  // found by argument-dependent lookup beside T
  }
  return out;
}

}  // namespace db_detail

// Parameters gathered while a statement's text is built from a filter (one text per filter
// shape, so each stays cached and can use its index):
//   SqlArgs args;  if (status) { sql += " AND status = ?"; args.add(*status); }
//   c.query_all<App>(sql, args);
class SqlArgs {
 public:
  using Value = std::variant<Null, std::int64_t, double, std::string>;
  SqlArgs& add(std::string v) { return push(std::move(v)); }
  SqlArgs& add(std::string_view v) { return push(std::string(v)); }
  SqlArgs& add(const char* v) { return push(std::string(v)); }
  SqlArgs& add(double v) { return push(v); }
  SqlArgs& add(Null) { return push(Null{}); }
  template <std::integral T>
  SqlArgs& add(T v) {
    return push(static_cast<std::int64_t>(v));
  }
  const std::vector<Value>& values() const { return values_; }

 private:
  SqlArgs& push(Value v) {
    values_.push_back(std::move(v));
    return *this;
  }
  std::vector<Value> values_;
};

inline void bind_one(SQLite::Statement& st, int& i, const SqlArgs& args) {
  for (const auto& v : args.values()) {
    std::visit(
        [&](const auto& x) {
          using X = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<X, Null>) {
            st.bind(i++);
          } else {
            st.bind(i++, x);
          }
        },
        v);
  }
}

// Binds `args` to ?1, ?2, … in order; a type may bind several parameters (a page request does)
// by providing `bind_one(SQLite::Statement&, int&, const T&)` in its own namespace.
template <class... A>
void bind_all(SQLite::Statement& st, const A&... args) {
  [[maybe_unused]] int index = 1;
  using db_detail::bind_one;
  (bind_one(st, index, args), ...);
}

}  // namespace cove::core
