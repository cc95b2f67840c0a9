// `cove publish`: the CI client (DESIGN.md §9). Uploads a code package as a new version of a
// mini-program, optionally sets its release notes and releases it, through the REST API with an
// API key from COVE_TOKEN. Every step carries its own Idempotency-Key, generated once per run and
// sent again on each retry of that step, so a retry after a lost response never uploads or
// releases twice.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/cli.hpp"
#include "app/publish_progress.hpp"
#include "app/publish_retry.hpp"
#include "core/crypto.hpp"
#include "core/semver.hpp"
#include "http/client.hpp"

namespace cove::app {

namespace {

namespace fs = std::filesystem;
using http::Method;

constexpr std::size_t kMaxAppIdChars = 128;
constexpr std::size_t kMaxVersionChars = 32;  // the server's limit
constexpr std::size_t kMaxNotesBytes = 64 * 1024;
// Per network operation; the server may take a while to inspect a large package after its last byte.
constexpr std::chrono::seconds kNetworkTimeout{300};

struct PublishRequest {
  std::string server;
  std::string app_id;
  std::string version;
  fs::path package;
  std::optional<std::string> notes;
  bool release = false;
  std::string token;
  std::string ca_file;
};

std::string required(const Args& args, std::string_view flag) {
  auto value = args.value(flag);
  if (!value || value->empty()) throw UsageError(fmt::format("--{} is required", flag));
  return *value;
}

// Everything that can be checked without the network, so a typo costs no upload.
PublishRequest validate(const Args& args) {
  PublishRequest p;
  p.server = required(args, "server");
  try {
    http::Client::from_url(p.server);
  } catch (const std::invalid_argument& e) {
    throw UsageError(fmt::format("--server: {}", e.what()));
  }
  p.app_id = required(args, "app");
  if (p.app_id.size() > kMaxAppIdChars) throw UsageError("--app: too long");
  p.version = required(args, "version");
  const auto semver = core::SemVer::parse(p.version);
  if (!semver || !semver->is_release() || !semver->build.empty() || p.version.size() > kMaxVersionChars) {
    throw UsageError(
        fmt::format("--version: \"{}\" is not a version MAJOR.MINOR.PATCH such as 1.2.3", p.version));
  }
  p.package = required(args, "package");
  std::error_code ec;
  if (!fs::is_regular_file(p.package, ec)) {
    throw UsageError(fmt::format("--package: {} is not a file", p.package.string()));
  }
  if (!std::ifstream(p.package, std::ios::binary)) {
    throw UsageError(fmt::format("--package: {} cannot be read", p.package.string()));
  }
  p.notes = args.value("notes");
  if (p.notes && p.notes->size() > kMaxNotesBytes) {
    throw UsageError(fmt::format("--notes: at most {} bytes", kMaxNotesBytes));
  }
  p.release = args.has("release");
  p.ca_file = args.value("cacert").value_or("");
  const char* token = std::getenv("COVE_TOKEN");
  if (token == nullptr || *token == '\0') {
    throw UsageError(
        "COVE_TOKEN is not set: export an API key (cove_sk_…) with apps:write (and apps:release)");
  }
  p.token = token;
  return p;
}

// A failed step: the server's message, code and request id, for the CI log.
[[noreturn]] void fail(std::string_view step, const http::ClientResponse& res) {
  std::string message = fmt::format("HTTP {}", res.status);
  try {
    const auto body = res.json();
    if (body.is_object() && body.contains("message")) {
      message = fmt::format("{} (code {}, HTTP {}, requestId {})", body.value("message", ""),
                            body.value("code", "?"), res.status, body.value("requestId", "?"));
    }
  } catch (const std::exception&) {
    // Not the API's error JSON (a proxy in between): the status is all there is.
  }
  throw std::runtime_error(fmt::format("{} failed: {}", step, message));
}

nlohmann::json success_body(std::string_view step, const http::ClientResponse& res) {
  try {
    return res.json();
  } catch (const std::exception&) {
    throw std::runtime_error(fmt::format("{}: the server answered {} without a JSON body", step, res.status));
  }
}

class Publisher {
 public:
  explicit Publisher(PublishRequest p)
      : p_(std::move(p)),
        client_(http::Client::from_url(p_.server, {.ca_file = p_.ca_file, .timeout = kNetworkTimeout})),
        run_id_(core::crypto::hex(core::crypto::random_bytes(16))),
        base_(fmt::format("/api/v1/apps/{}/versions/{}", http::percent_encode(p_.app_id),
                          http::percent_encode(p_.version))),
        progress_(std::cerr, ::isatty(STDERR_FILENO) == 1) {}

  int run() {
    const std::string local_sha = core::crypto::sha256_file_hex(p_.package);
    const auto uploaded = upload();
    const std::string id = uploaded.value("id", "");
    const std::string sha = uploaded.value("sha256", "");
    if (sha != local_sha) {
      throw std::runtime_error(
          fmt::format("the server stored SHA-256 {} but {} has {}: the package was altered on the way",
                      sha.empty() ? "(none)" : sha, p_.package.string(), local_sha));
    }
    std::string status = uploaded.value("status", "");
    std::string review;
    if (p_.notes) set_notes();
    if (p_.release) {
      const auto released = release();
      status = released.value("status", "");
      review = released.value("reviewId", "");
    }
    std::cout << fmt::format("id={} version={} sha256={} size={} status={}{}\n", id, p_.version, sha,
                             uploaded.value("size", std::uint64_t{0}), status,
                             review.empty() ? std::string() : fmt::format(" review={}", review));
    return kExitOk;
  }

 private:
  http::Headers headers(std::string_view step) const {
    http::Headers h;
    h.set("Authorization", "Bearer " + p_.token);
    h.set("Idempotency-Key", fmt::format("publish-{}-{}", run_id_, step));
    h.set("User-Agent", fmt::format("cove-publish/{}", cove_version()));
    return h;
  }

  nlohmann::json upload() {
    auto h = headers("upload");
    h.set("Content-Type", "application/zip");
    const auto res = with_retries(
        "upload", policy_,
        [&] {
          progress_.restart();
          auto r = client_.upload_file(
              Method::kPut, base_ + "/package", h, p_.package,
              [this](std::uint64_t sent, std::uint64_t total) { progress_.update(sent, total); });
          progress_.finish();
          return r;
        },
        std::cerr);
    progress_.finish();
    if (res.status != 201 && res.status != 200) fail("upload", res);
    return success_body("upload", res);
  }

  void set_notes() {
    auto h = headers("notes");
    h.set("Content-Type", "application/json");
    const std::string body = nlohmann::json{{"changelog", *p_.notes}}.dump();
    const auto res = with_retries(
        "notes", policy_, [&] { return client_.request(Method::kPatch, base_, h, body); }, std::cerr);
    if (res.status != 200) fail("setting the release notes", res);
  }

  // Releases the version; where the organisation's releases need review (409
  // review.approval_required), submits it instead with releaseOnApproval, so it is released the
  // moment a reviewer approves — the answer then carries the review's status and id.
  nlohmann::json release() {
    const auto h = headers("release");
    const auto res = with_retries(
        "release", policy_, [&] { return client_.request(Method::kPost, base_ + "/release", h); }, std::cerr);
    if (res.status == 409 && error_code(res) == "review.approval_required") return submit_for_review();
    if (res.status != 200) fail("release", res);
    return success_body("release", res);
  }

  nlohmann::json submit_for_review() {
    auto h = headers("submit");
    h.set("Content-Type", "application/json");
    nlohmann::json body = {{"releaseOnApproval", true}};
    if (p_.notes) body["notes"] = *p_.notes;
    const auto text = body.dump();
    const auto res = with_retries(
        "submit", policy_, [&] { return client_.request(Method::kPost, base_ + "/submit", h, text); }, std::cerr);
    if (res.status != 202) fail("submitting for review", res);
    auto answer = success_body("submit", res);
    const auto status = answer.value("status", "");
    if (status == "rejected") {
      std::string reason = "see the console";
      if (answer.contains("review") && answer["review"].contains("reason") && answer["review"]["reason"].is_string())
        reason = answer["review"]["reason"].get<std::string>();
      throw std::runtime_error(fmt::format("review: the automated pre-checks rejected version {} (review {}): {}",
                                           p_.version, answer.value("reviewId", "?"), reason));
    }
    std::cerr << fmt::format("release: this organisation's releases need review; submitted for review ({}), "
                             "released once a reviewer approves\n",
                             answer.value("reviewId", "?"));
    return answer;
  }

  static std::string error_code(const http::ClientResponse& res) {
    try {
      return res.json().value("code", "");
    } catch (const std::exception&) {
      return "";
    }
  }

  PublishRequest p_;
  http::Client client_;
  std::string run_id_;
  std::string base_;
  UploadProgress progress_;
  RetryPolicy policy_;
};

int run_publish(const Args& args) { return Publisher(validate(args)).run(); }

}  // namespace

Command publish_command() {
  Command c;
  c.name = "publish";
  c.summary = "Upload a code package as a new version (CI)";
  c.description =
      "Uploads PACKAGE (a zip) as version VERSION of mini-program APP on a Cove server, then sets\n"
      "its release notes (--notes) and releases it (--release). Authenticates with the API key in\n"
      "COVE_TOKEN (cove_sk_…; scopes apps:write, plus apps:release for --release).\n\n"
      "Each step is retried on network errors, 429, 502, 503 and 504 (waiting as Retry-After asks,\n"
      "at most 30 s), up to 4 attempts, with an Idempotency-Key so a retry never repeats a step\n"
      "the server already did. The SHA-256 the server stored is checked against the file's.\n"
      "On success prints one line to stdout:\n"
      "  id=ver_… version=1.2.3 sha256=… size=… status=uploaded|released\n"
      "With --release where releases need review, the version is submitted for review with release on\n"
      "approval instead: status=in_review review=rev_… (exit 1 when the pre-checks reject it).\n"
      "On failure prints the server's message, code and request id to stderr and exits 1.";
  c.flags = {
      {"server", "URL", "Cove server, http(s)://host[:port]"},
      {"app", "ID", "Mini-program id (appId)"},
      {"version", "X.Y.Z", "Version to create, MAJOR.MINOR.PATCH"},
      {"package", "FILE", "The code package (zip)"},
      {"notes", "TEXT", "Release notes (the version's changelog)"},
      {"release", "", "Release the version once uploaded"},
      {"cacert", "FILE", "Extra CA certificate (PEM) to trust, for a server with a private CA"},
  };
  c.run = run_publish;
  return c;
}

}  // namespace cove::app
