#pragma once
// apps::AppsApi for services tested without the apps module: every call does nothing or finds
// nothing; a test derives from it and overrides only what its service uses. One base, so a method
// added to AppsApi is one edit here, not one per test.
#include <optional>
#include <stdexcept>
#include <string>

#include "modules/apps/apps_api.hpp"

namespace cove::test {

class FakeAppsApi : public apps::AppsApi {
 public:
  const apps::SdkAuth& sdk_auth() const override { throw std::logic_error("not used"); }
  const std::string& signing_public_pem() const override { throw std::logic_error("not used"); }
  std::string sign_package(const std::string&) const override { return ""; }
  std::optional<apps::GrayCandidate> gray_candidate(core::Conn&, const std::string&, const std::string&,
                                                    const std::string&) const override {
    return std::nullopt;
  }
  std::optional<std::string> released_version(core::Conn&, const std::string&, const std::string&) const override {
    return std::nullopt;
  }
  bool app_exists(core::Conn&, const std::string&, const std::string&) const override { return false; }
  void release_in(core::Tx&, const core::Actor&, const std::string&, const std::string&, const std::string&) override {}
  void add_version_delete_guard(apps::VersionDeleteGuard) override {}
  void add_release_guard(apps::ReleaseGuard) override {}
  std::optional<apps::ReviewTarget> review_target(core::Conn&, const std::string&, const std::string&,
                                                  const std::string&) const override {
    return std::nullopt;
  }
  void set_review_status(core::Tx&, const std::string&, const std::string&, const std::string&,
                         std::int64_t) override {}
  nlohmann::json compare(const std::string&, const std::string&, const std::string&,
                         const std::string&) const override {
    return nullptr;
  }
  std::optional<apps::CaseSubject> case_subject(core::Conn&, const std::string&) const override {
    return std::nullopt;
  }
  bool serves(core::Conn&, const std::string&, const std::string&) const override { return false; }
  void take_down_in(core::Tx&, const core::Actor&, const std::string&, const std::string&) override {}
  void restore_in(core::Tx&, const core::Actor&, const std::string&) override {}
  std::vector<apps::SearchSource> search_sources(core::Conn&, const std::string&, int) const override { return {}; }
  std::optional<apps::SearchSource> search_source(core::Conn&, const std::string&) const override {
    return std::nullopt;
  }
};

}  // namespace cove::test
