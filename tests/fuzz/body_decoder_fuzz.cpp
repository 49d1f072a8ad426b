// libFuzzer target for fetch/body_decoder.h (gzip, deflate, brotli and their stacks). Beyond not
// crashing (ASan, UBSan), it checks what fetch relies on:
//   - bounded output: once the sink refuses a piece (the body limit, as the Transfer's sink
//     does), feed() returns false and the sink is never called again, so no more than the limit
//     plus one decoder chunk (16 KiB) is ever handed over, whatever the input inflates to;
//   - the same answer however the bytes arrive: fed at once or in pieces, a body that decodes
//     gives the same bytes, and a body either decodes or fails both ways;
//   - a cut stream is an error: a body that decodes completely, cut by its last byte, leaves an
//     error or an unfinished() stream, never a silent short body.
//
// Input: byte 0 chooses the Content-Encoding, byte 1 the piece size (1 to 256 bytes), bytes 2-3
// the output limit (0 to 65535 bytes, big-endian); the rest is the encoded body.

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fetch/body_decoder.h"

namespace {

using orrery::fetch::BodyDecoder;

constexpr std::size_t k_decoder_chunk = 16 * 1024;  // body_decoder.cpp's k_out_chunk

constexpr std::array<std::string_view, 12> k_encodings = {
    "",      "identity",      "gzip",          "x-gzip", "deflate",        "br",
    "GZIP ", "gzip, deflate", "deflate, gzip", "br, br", "gzip, br, gzip", "zstd",
};

[[noreturn]] void fail(const char* what, std::string_view encoding, std::size_t size) {
  std::fprintf(stderr, "property violated: %s\nContent-Encoding: \"%.*s\", %zu encoded bytes\n",
               what, static_cast<int>(encoding.size()), encoding.data(), size);
  std::abort();
}

struct Outcome {
  std::string output;    // what the sink received (kept up to the limit plus one chunk)
  bool fed = true;       // every feed() returned true
  bool stopped = false;  // the sink refused a piece
  bool error = false;    // error() non-empty
  bool unfinished = false;
};

// Decodes `body` in pieces of `piece` bytes (0: all at once) with a sink that refuses any piece
// that takes the output past `limit`.
Outcome decode(std::string_view encoding, std::string_view body, std::size_t piece,
               std::size_t limit) {
  BodyDecoder decoder(encoding);
  Outcome o;
  bool refused = false;
  const BodyDecoder::Sink sink = [&](std::string_view out) {
    if (refused) {
      fail("the sink was called again after it refused a piece", encoding, body.size());
    }
    if (out.size() > k_decoder_chunk) {
      fail("a piece larger than the decoder's chunk", encoding, body.size());
    }
    if (o.output.size() + out.size() > limit) {
      refused = true;
      return false;
    }
    o.output.append(out);
    return true;
  };
  std::size_t at = 0;
  do {
    const std::size_t n = piece == 0 ? body.size() : std::min(piece, body.size() - at);
    if (!decoder.feed(body.substr(at, n), sink)) {
      o.fed = false;
      break;
    }
    at += n;
  } while (at < body.size());
  o.stopped = refused;
  o.error = !decoder.error().empty();
  o.unfinished = !decoder.unfinished().empty();
  if (refused && o.error) {
    fail("a refused piece reported as a decoding error", encoding, body.size());
  }
  if (!o.fed && !refused && !o.error) {
    fail("feed() failed with neither an error nor a refused piece", encoding, body.size());
  }
  return o;
}

bool decoded(const Outcome& o) { return o.fed && !o.error && !o.unfinished; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 4) {
    return 0;
  }
  const std::string_view encoding = k_encodings[data[0] % k_encodings.size()];
  const std::size_t piece = static_cast<std::size_t>(data[1]) + 1;
  const std::size_t limit = static_cast<std::size_t>(data[2]) << 8 | data[3];
  const std::string_view body(reinterpret_cast<const char*>(data + 4), size - 4);

  const Outcome whole = decode(encoding, body, 0, limit);
  const Outcome pieces = decode(encoding, body, piece, limit);
  if (whole.stopped || pieces.stopped) {
    return 0;  // the limit cut the body: nothing more to compare
  }
  if (decoded(whole) != decoded(pieces)) {
    fail("the body decodes one way and not the other", encoding, body.size());
  }
  if (decoded(whole) && whole.output != pieces.output) {
    fail("decoded at once and in pieces, the bytes differ", encoding, body.size());
  }
  // A complete compressed body cut by its last byte must not pass for a whole one.
  const bool compressed = encoding != "" && encoding != "identity";
  if (compressed && decoded(whole) && body.size() > 1) {
    const Outcome cut = decode(encoding, body.substr(0, body.size() - 1), 0, limit);
    if (!cut.stopped && decoded(cut)) {
      fail("a stream cut by its last byte decoded as complete", encoding, body.size());
    }
  }
  return 0;
}
