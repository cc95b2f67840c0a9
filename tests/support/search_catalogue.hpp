#pragma once
// A realistic catalogue of Chinese and English mini-programs for the search tests (relevance
// table, fuzz seeds): what the apps module would hand the search index, and fakes of the apps and
// accounts modules that serve it.
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/accounts/accounts_api.hpp"
#include "support/fake_apps_api.hpp"

namespace cove::test {

struct CatalogueEntry {
  const char* name;
  const char* category;
  std::vector<std::string> tags;
  const char* summary;
  std::vector<std::string> contracts = {};
};

inline const std::vector<CatalogueEntry>& search_catalogue() {
  static const std::vector<CatalogueEntry> list = {
      {"微信支付", "金融", {"支付", "钱包"}, "微信官方支付服务，扫码付款与转账"},
      {"支付宝", "金融", {"支付", "理财"}, "付款、收款、理财一站式服务"},
      {"滴滴出行", "出行", {"打车", "出行"}, "打车、顺风车、代驾随时叫"},
      {"高德地图", "出行", {"地图", "导航"}, "导航与实时路况，公交地铁线路查询"},
      {"美团外卖", "美食", {"外卖", "美食"}, "附近餐厅外卖送达"},
      {"大众点评", "美食", {"美食", "评价"}, "发现身边好吃好玩的店"},
      {"电子钱包", "金融", {"钱包", "Web3"}, "管理你的数字资产与链上代币", {"USDT Token"}},
      {"京东购物", "购物", {"购物", "电商"}, "正品低价，次日达"},
      {"拼多多", "购物", {"拼团", "电商"}, "拼着买更便宜"},
      {"腾讯视频", "视频", {"影视", "追剧"}, "热门电视剧电影综艺"},
      {"哔哩哔哩", "视频", {"弹幕", "动画"}, "年轻人的视频社区"},
      {"网易云音乐", "音乐", {"音乐", "歌单"}, "发现好音乐"},
      {"QQ音乐", "音乐", {"音乐"}, "听歌识曲，海量正版"},
      {"天气预报", "工具", {"天气"}, "十五天天气与空气质量"},
      {"计算器", "工具", {"计算"}, "科学计算与单位换算"},
      {"AI助手", "工具", {"AI", "智能"}, "智能问答与写作助手"},
      {"智能客服", "工具", {"AI", "客服"}, "在线客服机器人"},
      {"火车票", "出行", {"火车", "高铁"}, "12306 火车票高铁票预订"},
      {"携程旅行", "出行", {"酒店", "机票"}, "酒店机票预订"},
      {"健康码", "政务", {"健康"}, "出示健康码与行程卡"},
      {"医保服务", "政务", {"医保"}, "医保查询与缴费"},
      {"长沙公交", "出行", {"公交"}, "长沙实时公交查询"},
      {"共享单车", "出行", {"单车", "骑行"}, "扫码骑车，随借随还"},
      {"英语学习", "教育", {"英语", "单词"}, "每日背单词"},
      {"消消乐", "游戏", {"游戏", "休闲"}, "休闲消除小游戏"},
      {"斗地主", "游戏", {"棋牌", "游戏"}, "经典棋牌游戏"},
      {"电子发票", "工具", {"发票"}, "开具与查验电子发票"},
      {"电影票", "娱乐", {"电影"}, "在线选座购票"},
      {"微博", "社交", {"社交", "热搜"}, "随时随地发现新鲜事"},
      {"微信读书", "阅读", {"读书", "小说"}, "海量好书免费读"},
      {"小红书", "社交", {"种草", "生活"}, "标记我的生活"},
      {"顺丰快递", "生活", {"快递", "物流"}, "寄快递查物流"},
      {"Weather Now", "tools", {"weather", "forecast"}, "Hourly forecast and radar maps"},
      {"Calculator Pro", "tools", {"calculator", "math"}, "Scientific calculator with unit conversion"},
      {"Photo Editor", "photo", {"photo", "filters"}, "Edit photos with filters and stickers"},
      {"Music Player", "music", {"music", "player"}, "Play your favourite songs offline"},
      {"Crypto Wallet", "finance", {"wallet", "crypto", "web3"}, "Store tokens and NFTs securely", {"Wallet Vault"}},
      {"Translator", "tools", {"translate", "language"}, "Translate between 100 languages"},
      {"Fitness Tracker", "health", {"fitness", "workout"}, "Track workouts and steps"},
      {"Recipe Book", "food", {"recipes", "cooking"}, "Thousands of easy recipes"},
      {"City Bus", "travel", {"bus", "transit"}, "Real-time bus arrivals"},
      {"Chess Master", "games", {"chess", "game"}, "Play chess online"},
      {"Note Taker", "tools", {"notes"}, "Quick notes and checklists"},
      {"Bank Statement", "finance", {"bank"}, "Check your statements"},
  };
  return list;
}

// The catalogue as apps::SearchSource rows: all online, released and associated with hst_1; ids
// app_000, app_001, … in catalogue order, organisation org_1 ("Example 科技").
inline std::vector<apps::SearchSource> catalogue_sources() {
  std::vector<apps::SearchSource> out;
  int i = 0;
  for (const auto& e : search_catalogue()) {
    apps::SearchSource s;
    char id[16];
    std::snprintf(id, sizeof id, "app_%03d", i);
    s.app_id = id;
    s.org_id = "org_1";
    s.name = e.name;
    s.summary = e.summary;
    s.category = e.category;
    s.tags = e.tags;
    s.status = "online";
    s.contract_names = e.contracts;
    s.released_version = "1.0.0";
    s.released_ms = 1'700'000'000'000 + i;
    s.updated_ms = s.released_ms;
    s.host_app_ids = {"hst_1"};
    out.push_back(std::move(s));
    ++i;
  }
  return out;
}

// The apps module as the search index sees it: a list of sources.
class CatalogueApps final : public FakeAppsApi {
 public:
  std::vector<apps::SearchSource> sources = catalogue_sources();
  std::vector<apps::SearchSource> search_sources(core::Conn&, const std::string& after, int limit) const override {
    std::vector<apps::SearchSource> out;
    for (const auto& s : sources) {
      if (s.app_id > after && static_cast<int>(out.size()) < limit) out.push_back(s);
    }
    return out;
  }
  std::optional<apps::SearchSource> search_source(core::Conn&, const std::string& app_id) const override {
    for (const auto& s : sources) {
      if (s.app_id == app_id) return s;
    }
    return std::nullopt;
  }
};

class NamesOnlyAccounts final : public accounts::AccountsApi {
 public:
  const accounts::Quotas& quotas() const override { throw std::logic_error("not used"); }
  std::unordered_set<std::string> active_org_ids(core::Conn&) const override { return {"org_1"}; }
  std::unordered_map<std::string, std::string> org_names(core::Conn&, const std::vector<std::string>&) const override {
    return {{"org_1", "Example 科技"}};
  }
  std::vector<accounts::Recipient> org_recipients(core::Conn&, const std::string&,
                                                  const std::vector<std::string>&) const override {
    return {};
  }
  std::vector<accounts::Recipient> operator_recipients(core::Conn&, const std::vector<std::string>&) const override {
    return {};
  }
  std::optional<accounts::Recipient> recipient(core::Conn&, const std::string&) const override { return std::nullopt; }
  std::string product_name() const override { return "Cove"; }
  std::optional<accounts::Recipient> recipient_by_email(core::Conn&, const std::string&) const override {
    return std::nullopt;
  }
  void set_password_by_email_proof(const core::Actor&, const std::string&, const std::string&) override {}
  void add_invitation_listener(accounts::InvitationListener) override {}
};

}  // namespace cove::test
