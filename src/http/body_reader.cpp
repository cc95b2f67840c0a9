#include "http/body_reader.hpp"

#include <vector>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/log.hpp"
#include "core/storage_health.hpp"
#include "http/upload_sink.hpp"

namespace cove::http {

namespace {

constexpr std::size_t kUploadChunk = 64 * 1024;

auto nothrow(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// A full disk or quota is answered 507 (clients retry later); other I/O errors are a 500.
BodyResult storage_failure(const std::error_code& err) {
  return core::is_storage_full(err) ? BodyResult::kStorageFull : BodyResult::kStorageFailed;
}

BodyResult classify(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit) return BodyResult::kTooLarge;
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
    return BodyResult::kDisconnected;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_chunk).category())
    return BodyResult::kMalformed;
  return BodyResult::kDisconnected;  // timeout, reset, shutdown
}

}  // namespace

asio::awaitable<BodyResult> read_body_to_string(AnyStream& stream, beast::flat_buffer& buffer,
                                                HeadParser& head, BodyLimits limits, std::string& out) {
  bhttp::request_parser<bhttp::string_body> parser{std::move(head)};
  parser.body_limit(limits.limit);
  BodyRateCheck rate(limits.min_rate, BodyRateCheck::Clock::now());
  beast::error_code ec;
  while (!parser.is_done()) {
    stream.expires_after(limits.timeout);  // a deadline per read: progress, not total time
    const std::size_t got = co_await bhttp::async_read_some(stream, buffer, parser, nothrow(ec));
    if (ec) co_return classify(ec);
    // Total time is the rate's to bound: each byte restarts the deadline above.
    if (!rate.record(got, BodyRateCheck::Clock::now())) co_return BodyResult::kTooSlow;
  }
  out = std::move(parser.get().body());
  co_return BodyResult::kRead;
}

asio::awaitable<BodyResult> read_body_to_file(AnyStream& stream, beast::flat_buffer& buffer, HeadParser& head,
                                              BodyLimits limits, const std::filesystem::path& dir,
                                              std::string_view request_id, std::optional<UploadedFile>& out) {
  bhttp::request_parser<bhttp::buffer_body> parser{std::move(head)};
  parser.body_limit(limits.limit);
  UploadSink sink;
  if (const auto err = sink.open(dir)) {
    core::log::error("cannot create upload file",
                     {{"requestId", request_id}, {"dir", dir.string()}, {"error", err.message()}});
    co_return storage_failure(err);
  }
  // The one buffer the body passes through, whatever its size.
  std::vector<char> chunk(kUploadChunk);
  BodyRateCheck rate(limits.min_rate, BodyRateCheck::Clock::now());
  beast::error_code ec;
  while (!parser.is_done()) {
    auto& body = parser.get().body();
    body.data = chunk.data();
    body.size = chunk.size();
    stream.expires_after(limits.timeout);
    const std::size_t parsed = co_await bhttp::async_read_some(stream, buffer, parser, nothrow(ec));
    if (ec == bhttp::error::need_buffer) ec = {};  // the chunk is full: write it out, go on
    if (ec) co_return classify(ec);
    // Returning here drops the sink, which removes the partial file.
    if (!rate.record(parsed, BodyRateCheck::Clock::now())) co_return BodyResult::kTooSlow;
    const std::size_t got = chunk.size() - parser.get().body().size;
    if (got == 0) continue;
    if (const auto err = sink.write(chunk.data(), got)) {
      core::log::error("cannot write upload file", {{"requestId", request_id}, {"error", err.message()}});
      co_return storage_failure(err);
    }
  }
  UploadedFile file;
  if (const auto err = sink.finish(file)) {
    core::log::error("cannot close upload file", {{"requestId", request_id}, {"error", err.message()}});
    co_return storage_failure(err);
  }
  out = std::move(file);
  co_return BodyResult::kRead;
}

}  // namespace cove::http
