#include "fetch/body_decoder.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <new>

#include "model/limits.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

constexpr std::size_t k_out_chunk = 16 * 1024;
constexpr std::size_t k_max_name_in_error = 40;

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, k_max_name_in_error)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return out;
}

}  // namespace

// One coding's decoder. decode() hands every piece of output to `out` and stops when it
// returns false.
struct BodyDecoder::Stage {
  explicit Stage(std::string coding) : name(std::move(coding)) {}
  virtual ~Stage() = default;
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;
  // False on a decoding error (`error` set) or when `out` returned false.
  virtual bool decode(std::string_view in, const Sink& out) = 0;
  std::string name;
  bool started = false;  // at least one byte arrived
  bool ended = false;    // the stream's end was decoded (and, for gzip, its checksum verified)
  std::string error;
};

namespace {

// gzip (RFC 1952) and deflate. HTTP's "deflate" is the zlib format (RFC 1950), but some
// servers send a bare deflate stream (RFC 1951); the first two bytes tell them apart, as
// browsers and libcurl do.
class ZlibStage final : public BodyDecoder::Stage {
 public:
  ZlibStage(std::string coding, bool gzip) : Stage(std::move(coding)), m_gzip(gzip) {}
  ~ZlibStage() override {
    if (m_initialised) {
      inflateEnd(&m_z);
    }
  }
  ZlibStage(const ZlibStage&) = delete;
  ZlibStage& operator=(const ZlibStage&) = delete;

  bool decode(std::string_view in, const BodyDecoder::Sink& out) override {
    if (in.empty()) {
      return true;
    }
    if (ended && !next_member(in)) {
      return false;
    }
    started = true;
    if (!m_initialised) {
      if (!m_gzip && m_probe.size() + in.size() < 2) {
        m_probe.append(in);  // one byte so far: not enough to tell zlib from bare deflate
        return true;
      }
      if (!init(in)) {
        return false;
      }
      if (!m_probe.empty()) {
        const std::string probe = std::move(m_probe);
        m_probe.clear();
        if (!inflate_some(probe, out)) {
          return false;
        }
      }
    }
    return inflate_some(in, out);
  }

 private:
  bool init(std::string_view in) {
    int window = 15 + 16;  // gzip only, checksum and length verified at its end
    if (!m_gzip) {
      const std::string head = m_probe + std::string(in.substr(0, 2 - m_probe.size()));
      const auto b0 = static_cast<unsigned char>(head[0]);
      const auto b1 = static_cast<unsigned char>(head[1]);
      const bool zlib_header = (b0 & 0x0f) == Z_DEFLATED && (b0 * 256 + b1) % 31 == 0;
      window = zlib_header ? 15 : -15;
    }
    if (inflateInit2(&m_z, window) != Z_OK) {
      error = name + ": cannot initialise the decoder";
      return false;
    }
    m_initialised = true;
    return true;
  }

  // Bytes after the end of a stream: gzip allows another member to follow (RFC 1952 §2.2),
  // starting with its magic byte; anything else is an error, as it is for libcurl.
  bool next_member(std::string_view rest) {
    if (m_gzip && static_cast<unsigned char>(rest.front()) == 0x1f) {
      inflateReset(&m_z);
      ended = false;
      return true;
    }
    error = name + ": data after the end of the stream";
    return false;
  }

  bool inflate_some(std::string_view in, const BodyDecoder::Sink& out) {
    std::array<unsigned char, k_out_chunk> buffer;
    // zlib's next_in is not const in zlib 1.2.13's API; it only reads through it.
    m_z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    m_z.avail_in = static_cast<uInt>(in.size());
    while (true) {
      m_z.next_out = buffer.data();
      m_z.avail_out = static_cast<uInt>(buffer.size());
      const int rc = inflate(&m_z, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        ended = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error = name + ": " + (m_z.msg != nullptr ? m_z.msg : "invalid data");
        return false;
      }
      const std::size_t produced = buffer.size() - m_z.avail_out;
      if (produced > 0 &&
          !out(std::string_view(reinterpret_cast<const char*>(buffer.data()), produced))) {
        return false;
      }
      if (ended) {
        if (m_z.avail_in == 0) {
          break;
        }
        if (!next_member(
                std::string_view(reinterpret_cast<const char*>(m_z.next_in), m_z.avail_in))) {
          return false;
        }
      } else if (rc == Z_BUF_ERROR || (m_z.avail_in == 0 && m_z.avail_out != 0)) {
        break;  // every input byte taken and no output pending
      }
    }
    return true;
  }

  bool m_gzip;
  bool m_initialised = false;
  std::string m_probe;
  z_stream m_z{};
};

class BrotliStage final : public BodyDecoder::Stage {
 public:
  explicit BrotliStage(std::string coding)
      : Stage(std::move(coding)), m_state(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr)) {
    if (m_state == nullptr) {
      throw std::bad_alloc();
    }
  }
  ~BrotliStage() override { BrotliDecoderDestroyInstance(m_state); }
  BrotliStage(const BrotliStage&) = delete;
  BrotliStage& operator=(const BrotliStage&) = delete;

  bool decode(std::string_view in, const BodyDecoder::Sink& out) override {
    if (in.empty()) {
      return true;
    }
    if (ended) {
      error = name + ": data after the end of the stream";
      return false;
    }
    started = true;
    std::array<std::uint8_t, k_out_chunk> buffer;
    auto next_in = reinterpret_cast<const std::uint8_t*>(in.data());
    std::size_t avail_in = in.size();
    while (true) {
      std::uint8_t* next_out = buffer.data();
      std::size_t avail_out = buffer.size();
      const BrotliDecoderResult rc = BrotliDecoderDecompressStream(m_state, &avail_in, &next_in,
                                                                   &avail_out, &next_out, nullptr);
      if (rc == BROTLI_DECODER_RESULT_ERROR) {
        error = name + ": " + BrotliDecoderErrorString(BrotliDecoderGetErrorCode(m_state));
        return false;
      }
      const std::size_t produced = buffer.size() - avail_out;
      if (produced > 0 &&
          !out(std::string_view(reinterpret_cast<const char*>(buffer.data()), produced))) {
        return false;
      }
      if (rc == BROTLI_DECODER_RESULT_SUCCESS) {
        ended = true;
        if (avail_in > 0) {
          error = name + ": data after the end of the stream";
          return false;
        }
        return true;
      }
      if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
        return true;
      }
      // NEEDS_MORE_OUTPUT: go round again with an empty buffer.
    }
  }

 private:
  BrotliDecoderState* m_state;
};

}  // namespace

BodyDecoder::BodyDecoder(std::string_view content_encoding) {
  std::vector<std::string> listed;
  while (!content_encoding.empty()) {
    const std::size_t comma = content_encoding.find(',');
    const std::string coding = util::to_lower(util::trim(content_encoding.substr(0, comma)));
    content_encoding.remove_prefix(comma == std::string_view::npos ? content_encoding.size()
                                                                   : comma + 1);
    if (!coding.empty() && coding != "identity") {
      listed.push_back(coding);
    }
  }
  if (listed.size() > model::limits::k_max_content_codings) {
    m_error = "more than " + std::to_string(model::limits::k_max_content_codings) +
              " stacked Content-Encoding codings";
    return;
  }
  // The server applied them in the order listed: undo the last first.
  std::reverse(listed.begin(), listed.end());
  for (std::string& coding : listed) {
    if (coding == "gzip" || coding == "x-gzip") {
      m_stages.push_back(std::make_unique<ZlibStage>(coding, true));
    } else if (coding == "deflate") {
      m_stages.push_back(std::make_unique<ZlibStage>(coding, false));
    } else if (coding == "br") {
      m_stages.push_back(std::make_unique<BrotliStage>(coding));
    } else {
      m_error = "unsupported Content-Encoding \"" + printable(coding) + "\"";
      m_stages.clear();
      return;
    }
    m_codings.push_back(std::move(coding));
  }
}

BodyDecoder::~BodyDecoder() = default;
BodyDecoder::BodyDecoder(BodyDecoder&&) noexcept = default;
BodyDecoder& BodyDecoder::operator=(BodyDecoder&&) noexcept = default;

bool BodyDecoder::feed(std::string_view encoded, const Sink& sink) {
  if (!m_error.empty()) {
    return false;
  }
  m_encoded_bytes += encoded.size();
  return feed_stage(0, encoded, sink);
}

bool BodyDecoder::feed_stage(std::size_t index, std::string_view data, const Sink& sink) {
  if (index == m_stages.size()) {
    return sink(data);
  }
  Stage& stage = *m_stages[index];
  const bool ok =
      stage.decode(data, [&](std::string_view out) { return feed_stage(index + 1, out, sink); });
  if (!ok && m_error.empty() && !stage.error.empty()) {
    m_error = stage.error;
  }
  return ok;
}

std::string BodyDecoder::unfinished() const {
  // An empty body is not a cut stream (a server may label an empty 200 with its usual coding).
  if (m_encoded_bytes == 0) {
    return "";
  }
  for (const auto& stage : m_stages) {
    if (!stage->ended) {
      return "the " + stage->name + " stream is unfinished";
    }
  }
  return "";
}

}  // namespace orrery::fetch
