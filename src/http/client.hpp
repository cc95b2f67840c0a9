#pragma once
// A small synchronous HTTP/1.1 client (keep-alive, optional TLS) used by the API tests and by
// `cove publish`. Beast stays inside client.cpp.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/types.hpp"

namespace cove::http {

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
  nlohmann::json json() const;  // throws if the body is not JSON
};

struct ClientOptions {
  bool tls = false;
  bool verify_peer = true;
  std::string ca_file;  // extra trust anchor (self-signed test certificates)
  std::chrono::seconds timeout{60};
};

class Client {
 public:
  Client(std::string host, std::uint16_t port, ClientOptions options = {});
  // "http://host:port" or "https://host:port" (a trailing path is not allowed).
  static Client from_url(std::string_view base_url, ClientOptions options = {});
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  // Sends one request on the kept-alive connection (reconnecting if the server closed it).
  // Throws std::runtime_error on a network failure.
  ClientResponse request(Method method, std::string_view target, const Headers& headers = {},
                         std::string_view body = {});
  ClientResponse get(std::string_view target, const Headers& headers = {});
  ClientResponse post_json(std::string_view target, const nlohmann::json& body, const Headers& headers = {});
  // Streams `file` as the request body; `progress(sent, total)` is called as bytes go out.
  ClientResponse upload_file(Method method, std::string_view target, const Headers& headers,
                             const std::filesystem::path& file,
                             const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cove::http
