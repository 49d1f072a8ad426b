#include "codings.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>

namespace orrery::fetch::test {

namespace {

std::string deflate_with(std::string_view data, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string gzip_bytes(std::string_view data) { return deflate_with(data, 15 + 16); }
std::string zlib_bytes(std::string_view data) { return deflate_with(data, 15); }
std::string raw_deflate(std::string_view data) { return deflate_with(data, -15); }

std::string brotli_bytes(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  EXPECT_EQ(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                  data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                                  &size, reinterpret_cast<std::uint8_t*>(out.data())),
            BROTLI_TRUE);
  out.resize(size);
  return out;
}

std::string feed_items(int n) {
  std::string out = "<rss version=\"2.0\"><channel><title>t</title>";
  for (int i = 0; i < n; ++i) {
    out += "<item><guid>urn:x:" + std::to_string(i * 7919 % 10007) + "</guid><title>entry " +
           std::to_string(i) + "</title></item>";
  }
  return out + "</channel></rss>";
}

}  // namespace orrery::fetch::test
