#include "core/metrics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <mutex>
#include <stdexcept>
#include <variant>

namespace cove::core {

namespace {
void atomic_add(std::atomic<double>& a, double v) {
  double cur = a.load(std::memory_order_relaxed);
  while (!a.compare_exchange_weak(cur, cur + v, std::memory_order_relaxed)) {
  }
}

std::string escape_label(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// HELP text escapes only backslash and newline (a label value also escapes the double quote).
std::string escape_help(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string labels_text(const std::vector<std::string>& names, const std::vector<std::string>& values,
                        const std::string& extra = {}) {
  if (names.empty() && extra.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += fmt::format("{}=\"{}\"", names[i], escape_label(values[i]));
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  out += '}';
  return out;
}

std::string number(double v) {
  // The exposition format spells these as Go does; fmt would write "nan" and "inf".
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == static_cast<double>(static_cast<std::int64_t>(v)) && v < 1e15 && v > -1e15) {
    return fmt::format("{}", static_cast<std::int64_t>(v));
  }
  return fmt::format("{}", v);
}

void render_histogram(std::string& out, const std::string& name, const std::vector<std::string>& names,
                      const std::vector<std::string>& values, const Histogram& h) {
  std::vector<std::uint64_t> cumulative;
  double sum = 0;
  std::uint64_t count = 0;
  h.snapshot(cumulative, sum, count);
  for (std::size_t i = 0; i < h.bounds().size(); ++i) {
    out += fmt::format("{}_bucket{} {}\n", name,
                       labels_text(names, values, fmt::format("le=\"{}\"", h.bounds()[i])), cumulative[i]);
  }
  out += fmt::format("{}_bucket{} {}\n", name, labels_text(names, values, "le=\"+Inf\""), count);
  out += fmt::format("{}_sum{} {}\n", name, labels_text(names, values), number(sum));
  out += fmt::format("{}_count{} {}\n", name, labels_text(names, values), count);
}
}  // namespace

void Counter::inc(double v) { atomic_add(value_, v); }
void Gauge::add(double v) { atomic_add(value_, v); }

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  atomic_add(sum_, v);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void Histogram::snapshot(std::vector<std::uint64_t>& cumulative, double& sum, std::uint64_t& count) const {
  cumulative.assign(bounds_.size() + 1, 0);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    cumulative[i] = running;
  }
  sum = sum_.load(std::memory_order_relaxed);
  count = running;
}

template <class T>
T& Family<T>::with(const std::vector<std::string>& values) {
  {
    std::shared_lock lock(mutex_);
    auto it = children_.find(values);
    if (it != children_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = children_[values];
  if (!slot) slot = make_();
  return *slot;
}

template <class T>
void Family<T>::for_each(const std::function<void(const std::vector<std::string>&, const T&)>& fn) const {
  std::shared_lock lock(mutex_);
  for (const auto& [values, child] : children_) fn(values, *child);
}

template class Family<Counter>;
template class Family<Histogram>;

struct MetricsRegistry::Entry {
  std::string name;
  std::string help;
  std::string type;
  std::variant<std::monostate, std::unique_ptr<Counter>, std::unique_ptr<Gauge>, std::unique_ptr<Histogram>,
               std::unique_ptr<Family<Counter>>, std::unique_ptr<Family<Histogram>>, std::function<double()>>
      metric;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Entry& MetricsRegistry::entry(const std::string& name, const std::string& help, const char* type) {
  for (auto& e : entries_) {
    if (e->name == name) {
      if (e->type != type) throw std::logic_error("metric registered twice with different types: " + name);
      return *e;
    }
  }
  auto e = std::make_unique<Entry>();
  e->name = name;
  e->help = help;
  e->type = type;
  entries_.push_back(std::move(e));
  return *entries_.back();
}

Counter& MetricsRegistry::counter(const std::string& name, const std::string& help) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "counter");
  if (std::holds_alternative<std::monostate>(e.metric)) e.metric = std::make_unique<Counter>();
  return *std::get<std::unique_ptr<Counter>>(e.metric);
}

Gauge& MetricsRegistry::gauge(const std::string& name, const std::string& help) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "gauge");
  if (std::holds_alternative<std::monostate>(e.metric)) e.metric = std::make_unique<Gauge>();
  return *std::get<std::unique_ptr<Gauge>>(e.metric);
}

Histogram& MetricsRegistry::histogram(const std::string& name, const std::string& help, std::vector<double> bounds) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "histogram");
  if (std::holds_alternative<std::monostate>(e.metric)) e.metric = std::make_unique<Histogram>(std::move(bounds));
  return *std::get<std::unique_ptr<Histogram>>(e.metric);
}

Family<Counter>& MetricsRegistry::counter_family(const std::string& name, const std::string& help,
                                                 std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "counter");
  if (std::holds_alternative<std::monostate>(e.metric)) {
    e.metric = std::make_unique<Family<Counter>>(std::move(labels), [] { return std::make_unique<Counter>(); });
  }
  return *std::get<std::unique_ptr<Family<Counter>>>(e.metric);
}

Family<Histogram>& MetricsRegistry::histogram_family(const std::string& name, const std::string& help,
                                                     std::vector<std::string> labels, std::vector<double> bounds) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, "histogram");
  if (std::holds_alternative<std::monostate>(e.metric)) {
    e.metric = std::make_unique<Family<Histogram>>(
        std::move(labels), [bounds] { return std::make_unique<Histogram>(bounds); });
  }
  return *std::get<std::unique_ptr<Family<Histogram>>>(e.metric);
}

void MetricsRegistry::callback(const std::string& name, const std::string& help, const char* type,
                               std::function<double()> fn) {
  std::lock_guard lock(mutex_);
  auto& e = entry(name, help, type);
  e.metric = std::move(fn);
}

void MetricsRegistry::gauge_callback(const std::string& name, const std::string& help, std::function<double()> fn) {
  callback(name, help, "gauge", std::move(fn));
}

void MetricsRegistry::counter_callback(const std::string& name, const std::string& help, std::function<double()> fn) {
  callback(name, help, "counter", std::move(fn));
}

std::vector<double> MetricsRegistry::default_latency_bounds() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& e : entries_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", e->name, escape_help(e->help), e->name, e->type);
    std::visit(
        [&](const auto& m) {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, std::unique_ptr<Counter>> || std::is_same_v<M, std::unique_ptr<Gauge>>) {
            out += fmt::format("{} {}\n", e->name, number(m->value()));
          } else if constexpr (std::is_same_v<M, std::unique_ptr<Histogram>>) {
            render_histogram(out, e->name, {}, {}, *m);
          } else if constexpr (std::is_same_v<M, std::unique_ptr<Family<Counter>>>) {
            m->for_each([&](const auto& values, const Counter& c) {
              out += fmt::format("{}{} {}\n", e->name, labels_text(m->label_names(), values), number(c.value()));
            });
          } else if constexpr (std::is_same_v<M, std::unique_ptr<Family<Histogram>>>) {
            m->for_each([&](const auto& values, const Histogram& h) {
              render_histogram(out, e->name, m->label_names(), values, h);
            });
          } else if constexpr (std::is_same_v<M, std::function<double()>>) {
            out += fmt::format("{} {}\n", e->name, number(m()));
          }
        },
        e->metric);
  }
  return out;
}

}  // namespace cove::core
