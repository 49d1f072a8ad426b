#pragma once
// Content-Encoding decoding (gzip, x-gzip, deflate, br; stacked codings too) that knows when a
// stream is finished. libcurl 7.88 hands over an unfinished gzip or deflate stream as a
// complete body when the transfer itself completes (a cut body with a matching
// Content-Length), so the Transfer receives the raw bytes and decodes them here. Pure: no
// libcurl, no I/O (unit-tested on its own).

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orrery::fetch {

class BodyDecoder {
 public:
  // Receives each decoded piece; returns false to stop decoding (feed() then returns false
  // with error() empty).
  using Sink = std::function<bool(std::string_view)>;

  // `content_encoding`: the final response's Content-Encoding values joined with ", " ("" or
  // "identity": the bytes pass through). An unknown coding makes error() non-empty at once.
  explicit BodyDecoder(std::string_view content_encoding);
  ~BodyDecoder();
  BodyDecoder(BodyDecoder&&) noexcept;
  BodyDecoder& operator=(BodyDecoder&&) noexcept;
  BodyDecoder(const BodyDecoder&) = delete;
  BodyDecoder& operator=(const BodyDecoder&) = delete;

  // Decodes the next encoded bytes and hands the output to `sink`. False on a decoding error
  // (error() says which) or when the sink stopped. Concatenated gzip members are one body;
  // any other byte after the end of a stream is an error, as it is for libcurl.
  bool feed(std::string_view encoded, const Sink& sink);

  // After the last encoded byte: "" when every stream reached its end (or there was no
  // coding, or no byte at all arrived), otherwise which stream is unfinished ("the gzip stream
  // is unfinished"). Never throws.
  std::string unfinished() const;

  // The decoding error, "" when none: "unsupported Content-Encoding \"zstd\"",
  // "gzip: incorrect header check".
  const std::string& error() const { return m_error; }

  // The codings in the order they are undone (the last one the server applied first).
  const std::vector<std::string>& codings() const { return m_codings; }

  // Encoded bytes fed so far.
  std::size_t encoded_bytes() const { return m_encoded_bytes; }

  struct Stage;

 private:
  bool feed_stage(std::size_t index, std::string_view data, const Sink& sink);

  std::vector<std::string> m_codings;
  std::vector<std::unique_ptr<Stage>> m_stages;
  std::string m_error;
  std::size_t m_encoded_bytes = 0;
};

}  // namespace orrery::fetch
