#include "http/router.hpp"

#include <stdexcept>

namespace cove::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;  // at most one capture per position
  std::string param_name;
  std::map<Method, RouteInfo*> methods;
};

namespace {

// Splits "/a/b/c" into {"a","b","c"}; "/" → {}. Empty inner segments are kept (so "/a//b" does not
// silently match "/a/b").
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  if (path.empty()) return out;
  while (true) {
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

std::string join_paths(std::string_view a, std::string_view b) {
  std::string out(a);
  if (!out.empty() && out.back() == '/' && !b.empty() && b.front() == '/') out.pop_back();
  out.append(b);
  return out;
}

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

RouteGroup Router::group(std::string_view prefix) { return RouteGroup(*this, std::string(prefix), {}, false); }

RouteGroup RouteGroup::group(std::string_view prefix) const {
  return RouteGroup(router_, join_paths(prefix_, prefix), guards_, public_);
}

RouteBuilder RouteGroup::add(Method m, std::string_view path, Handler h) {
  auto& info = router_.add(m, join_paths(prefix_, path), std::move(h));
  info.guards = guards_;
  info.is_public = public_;
  return RouteBuilder(info);
}

RouteInfo& Router::add(Method m, std::string pattern, Handler h) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + pattern);
  }
  Node* node = root_.get();
  for (auto seg : split_path(pattern)) {
    if (is_param(seg)) {
      const std::string name(seg.substr(1, seg.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param_name = name;
      } else if (node->param_name != name) {
        throw std::logic_error("conflicting parameter names {" + node->param_name + "} and {" + name +
                               "} in " + pattern);
      }
      node = node->param.get();
    } else {
      auto& child = node->literals[std::string(seg)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  if (node->methods.contains(m)) {
    throw std::logic_error("route registered twice: " + std::string(method_name(m)) + " " + pattern);
  }
  auto info = std::make_unique<RouteInfo>();
  info->method = m;
  info->pattern = std::move(pattern);
  info->handler = std::move(h);
  node->methods[m] = info.get();
  routes_.push_back(std::move(info));
  return *routes_.back();
}

namespace {
using Params = std::vector<std::pair<std::string, std::string>>;

template <class NodeT>
const NodeT* find_node(const NodeT* node, const std::vector<std::string_view>& segs, std::size_t i,
                       Params& params) {
  if (i == segs.size()) return node->methods.empty() ? nullptr : node;
  // Literals win over captures ("/apps/new" before "/apps/{id}"); backtrack if the literal branch
  // dead-ends deeper down.
  if (auto it = node->literals.find(segs[i]); it != node->literals.end()) {
    if (const auto* found = find_node(it->second.get(), segs, i + 1, params)) return found;
  }
  if (node->param && !segs[i].empty()) {
    params.emplace_back(node->param_name, std::string(segs[i]));
    if (const auto* found = find_node(node->param.get(), segs, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}
}  // namespace

RouteMatch Router::match(Method m, std::string_view path) const {
  RouteMatch result;
  const auto segs = split_path(path);
  if (path.empty() || path.front() != '/') return result;
  const Node* node = find_node(root_.get(), segs, 0, result.params);
  if (node == nullptr) {
    result.params.clear();
    return result;
  }
  for (const auto& [method, info] : node->methods) {
    result.allowed.push_back(method);
    if (method == Method::kGet) result.allowed.push_back(Method::kHead);
  }
  auto it = node->methods.find(m);
  if (it == node->methods.end() && m == Method::kHead) it = node->methods.find(Method::kGet);
  if (it == node->methods.end()) {
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    return result;
  }
  result.kind = RouteMatch::Kind::kFound;
  result.route = it->second;
  return result;
}

std::vector<const RouteInfo*> Router::routes() const {
  std::vector<const RouteInfo*> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.get());
  return out;
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string out;
  for (auto m : methods) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  if (!out.empty()) out += ", OPTIONS";
  return out;
}

}  // namespace cove::http
