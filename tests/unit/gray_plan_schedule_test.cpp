// Step schedules with an explicit clock: validation of the document, which steps are due, and
// that a user inside the rollout at one step stays inside at every later step.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "modules/gray/live_plan.hpp"
#include "modules/gray/plan_schedule.hpp"

using namespace cove;
using namespace cove::gray;

namespace {

class Ctx final : public Attributes {
 public:
  explicit Ctx(std::string uid) : uid_(std::move(uid)) {}
  std::optional<std::string_view> get(std::string_view a) const override {
    if (a == "uid" && !uid_.empty()) return std::string_view(uid_);
    return std::nullopt;
  }

 private:
  std::string uid_;
};

Rule everyone() {
  core::FieldErrors errors;
  return *Rule::parse({{"groups", {nlohmann::json::object()}}}, errors);
}

}  // namespace

TEST_CASE("steps: validation", "[unit][gray][schedule]") {
  core::FieldErrors errors;
  const auto steps = parse_steps(nlohmann::json::parse(R"([{"percentage":5,"at":"2026-11-22T10:00:00Z"},
                                                            {"percentage":100,"at":"2026-11-23T10:00:00Z"}])"),
                                 errors);
  REQUIRE(steps);
  CHECK(steps->size() == 2);
  CHECK((*steps)[1].at_ms - (*steps)[0].at_ms == 86'400'000);

  const auto fails = [](const char* text, const char* field, const char* code) {
    core::FieldErrors e;
    CHECK_FALSE(parse_steps(nlohmann::json::parse(text), e));
    INFO(e.fields().dump());
    CHECK(e.fields()[field]["code"] == code);
  };
  fails(R"({"percentage":5})", "steps", "invalid_type");
  fails(R"([{"percentage":0,"at":"2026-11-22T10:00:00Z"}])", "steps[0].percentage", "out_of_range");
  fails(R"([{"percentage":10,"at":"tomorrow"}])", "steps[0].at", "invalid_time");
  fails(R"([{"percentage":10,"at":"2026-11-22T10:00:00Z","note":"x"}])", "steps[0].note", "unknown_field");
  fails(R"([{"percentage":10,"at":"2026-11-22T10:00:00Z"},{"percentage":10,"at":"2026-11-23T10:00:00Z"}])",
        "steps[1].percentage", "not_increasing");
  fails(R"([{"percentage":10,"at":"2026-11-22T10:00:00Z"},{"percentage":20,"at":"2026-11-22T10:00:00Z"}])",
        "steps[1].at", "not_increasing");
  auto many = nlohmann::json::array();
  for (int i = 1; i <= 21; ++i)
    many.push_back({{"percentage", i}, {"at", fmt::format("2026-11-{:02}T00:00:00Z", i)}});
  core::FieldErrors e;
  CHECK_FALSE(parse_steps(many, e));
  CHECK(e.fields()["steps"]["code"] == "too_many");
}

TEST_CASE("steps: which are due at a time", "[unit][gray][schedule]") {
  const std::vector<PlanStep> steps = {{10, 1000}, {50, 2000}, {100, 3000}};
  CHECK(due_steps(steps, 0, 999) == 0);
  CHECK(due_steps(steps, 0, 1000) == 1);
  CHECK(due_steps(steps, 0, 2500) == 2);
  CHECK(due_steps(steps, 0, 9999) == 3);
  CHECK(due_steps(steps, 2, 1500) == 2);  // never goes back
  CHECK(next_due_ms(steps, 1) == 2000);
  CHECK_FALSE(next_due_ms(steps, 3));

  Plan p;
  CHECK_FALSE(current_percentage(p));
  p.steps = steps;
  CHECK(current_percentage(p) == 0);
  p.applied_steps = 2;
  CHECK(current_percentage(p) == 50);
}

TEST_CASE("steps: a user in the rollout stays in as it grows", "[unit][gray][schedule]") {
  LivePlan plan{"gpl_test", "1.1.0", everyone(), 10};
  std::vector<std::string> in_at_10;
  for (int i = 0; i < 2000; ++i) {
    const auto uid = fmt::format("u{}", i);
    if (in_rollout(plan, Ctx(uid))) in_at_10.push_back(uid);
  }
  CHECK(in_at_10.size() > 140);
  CHECK(in_at_10.size() < 260);
  for (const int pct : {20, 50, 99, 100}) {
    plan.percentage = pct;
    for (const auto& uid : in_at_10) CHECK(in_rollout(plan, Ctx(uid)));
  }
  // Without a uid or device id nobody can be kept in a share, except at 100 %.
  plan.percentage = 99;
  CHECK_FALSE(in_rollout(plan, Ctx("")));
  plan.percentage = 100;
  CHECK(in_rollout(plan, Ctx("")));
  plan.percentage = std::nullopt;
  CHECK(in_rollout(plan, Ctx("")));
}
