#pragma once
// A small Prometheus metrics registry: counters, gauges and histograms, optionally labelled,
// rendered in the text exposition format for GET /metrics. Updates are lock-free atomics; a
// labelled child is found under a shared lock (created once under an exclusive one).
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace cove::core {

class Counter {
 public:
  void inc(double v = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double v);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void observe(double v);
  // Cumulative counts per bound (+Inf last), sum and count, for rendering.
  void snapshot(std::vector<std::uint64_t>& cumulative, double& sum, std::uint64_t& count) const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<double> sum_{0.0};
  std::atomic<std::uint64_t> count_{0};
};

template <class T>
class Family {
 public:
  Family(std::vector<std::string> label_names, std::function<std::unique_ptr<T>()> make)
      : label_names_(std::move(label_names)), make_(std::move(make)) {}
  // The child for these label values (same order as the names). References stay valid.
  T& with(const std::vector<std::string>& values);
  const std::vector<std::string>& label_names() const { return label_names_; }
  void for_each(const std::function<void(const std::vector<std::string>&, const T&)>& fn) const;

 private:
  std::vector<std::string> label_names_;
  std::function<std::unique_ptr<T>()> make_;
  mutable std::shared_mutex mutex_;
  std::map<std::vector<std::string>, std::unique_ptr<T>> children_;
};

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  Counter& counter(const std::string& name, const std::string& help);
  Gauge& gauge(const std::string& name, const std::string& help);
  Histogram& histogram(const std::string& name, const std::string& help, std::vector<double> bounds);
  Family<Counter>& counter_family(const std::string& name, const std::string& help,
                                  std::vector<std::string> labels);
  Family<Histogram>& histogram_family(const std::string& name, const std::string& help,
                                      std::vector<std::string> labels, std::vector<double> bounds);
  // A gauge computed when scraped (outbox lag, open connections).
  void gauge_callback(const std::string& name, const std::string& help, std::function<double()> fn);
  // A counter read when scraped from a total kept elsewhere (DB time, catalog rebuilds). `fn` must
  // never decrease: Prometheus takes a drop for a process restart.
  void counter_callback(const std::string& name, const std::string& help, std::function<double()> fn);

  std::string render() const;

  static std::vector<double> default_latency_bounds();  // seconds, 0.5 ms … 10 s

 private:
  struct Entry;
  Entry& entry(const std::string& name, const std::string& help, const char* type);
  void callback(const std::string& name, const std::string& help, const char* type,
                std::function<double()> fn);
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Entry>> entries_;  // in registration order
};

}  // namespace cove::core
