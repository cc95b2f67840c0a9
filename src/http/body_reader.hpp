#pragma once
// Reads a request body after its head: into a string, or streamed to a temp file in fixed-size
// chunks while hashing (UploadSink). The route's limit applies while reading (chunked bodies;
// a Content-Length is checked by the caller before this is called), each read must make
// progress within `timeout`, and the body as a whole must keep up the minimum rate
// (BodyRateCheck). Internal to src/http.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "http/any_stream.hpp"
#include "http/body_rate.hpp"
#include "http/head_reader.hpp"
#include "http/types.hpp"

namespace cove::http {

enum class BodyResult {
  kRead,
  kTooLarge,       // over the limit: answer 413
  kMalformed,      // bad chunk framing: answer 400
  kTooSlow,        // below the minimum rate: answer 408
  kStorageFailed,  // the temp file could not be written: answer 500 (logged here)
  kStorageFull,    // … because the disk or quota is full: answer 507 storage_full
  kDisconnected,   // timeout, reset or EOF: nothing to answer
};

struct BodyLimits {
  std::uint64_t limit = 0;
  std::chrono::seconds timeout{30};  // longest pause between two reads
  MinBodyRate min_rate;
};

// Both take over `head` (a parser that has read exactly the head) and leave any bytes past the
// body, a pipelined next request, in `buffer`.
asio::awaitable<BodyResult> read_body_to_string(AnyStream& stream, beast::flat_buffer& buffer,
                                                HeadParser& head, BodyLimits limits, std::string& out);
asio::awaitable<BodyResult> read_body_to_file(AnyStream& stream, beast::flat_buffer& buffer, HeadParser& head,
                                              BodyLimits limits, const std::filesystem::path& dir,
                                              std::string_view request_id, std::optional<UploadedFile>& out);

}  // namespace cove::http
