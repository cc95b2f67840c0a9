#include "modules/oauth/scope_catalog.hpp"

#include <algorithm>

namespace cove::oauth {

const std::vector<ScopeInfo>& scope_catalog() {
  static const std::vector<ScopeInfo> list = {
      {"basic", "获取你的用户标识和钱包地址", "Your user id and wallet address"},
      {"phone", "获取你已验证的手机号", "Your confirmed phone number"},
      {"email", "获取你已验证的邮箱地址", "Your confirmed e-mail address"},
      {"tx.sign", "请求你签名交易", "Ask you to sign transactions"},
      {"tx.broadcast", "代你广播已签名的交易", "Broadcast transactions you signed"},
      {"assets.read", "查看你的资产", "See your assets"},
      {"assets.transfer", "请求你转移资产", "Ask you to transfer assets"},
  };
  return list;
}

const ScopeInfo* find_scope(std::string_view name) {
  for (const auto& s : scope_catalog()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

bool parse_scope_list(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const auto end = std::min(text.find(' ', i), text.size());
    const auto token = text.substr(i, end - i);
    if (find_scope(token) == nullptr) return false;
    if (std::find(out.begin(), out.end(), token) == out.end()) out.emplace_back(token);
    i = end;
  }
  return true;
}

std::string join_scopes(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) {
    if (!out.empty()) out.push_back(' ');
    out += s;
  }
  return out;
}

bool scopes_within(const std::vector<std::string>& want, const std::vector<std::string>& have) {
  return std::all_of(want.begin(), want.end(),
                     [&](const std::string& s) { return std::find(have.begin(), have.end(), s) != have.end(); });
}

}  // namespace cove::oauth
