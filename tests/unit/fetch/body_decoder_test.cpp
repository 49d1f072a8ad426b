// BodyDecoder on its own: every coding decodes whole streams, fed at once or byte by byte, and
// reports an unfinished stream instead of passing it off as a body.
#include "fetch/body_decoder.h"

#include <gtest/gtest.h>

#include "codings.h"
#include "model/limits.h"

namespace orrery::fetch {
namespace {

using test::brotli_bytes;
using test::feed_items;
using test::gzip_bytes;
using test::raw_deflate;
using test::zlib_bytes;

struct Decoded {
  bool ok = true;
  std::string body;
  std::string error;
  std::string unfinished;
};

// Feeds `encoded` in pieces of `step` bytes (0: all at once).
Decoded decode(std::string_view coding, std::string_view encoded, std::size_t step = 0) {
  BodyDecoder decoder(coding);
  Decoded d;
  auto sink = [&](std::string_view out) {
    d.body.append(out);
    return true;
  };
  if (step == 0) {
    d.ok = decoder.feed(encoded, sink);
  } else {
    for (std::size_t i = 0; i < encoded.size() && d.ok; i += step) {
      d.ok = decoder.feed(encoded.substr(i, step), sink);
    }
  }
  d.error = decoder.error();
  d.unfinished = decoder.unfinished();
  return d;
}

const std::string k_body = feed_items(400);

TEST(BodyDecoder, NoCodingPassesBytesThrough) {
  for (std::string_view coding : {"", "identity", " Identity "}) {
    auto d = decode(coding, k_body);
    EXPECT_TRUE(d.ok) << coding;
    EXPECT_EQ(d.body, k_body);
    EXPECT_EQ(d.unfinished, "");
  }
}

TEST(BodyDecoder, EveryCodingDecodesAWholeStream) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"gzip", gzip_bytes(k_body)},     {"x-gzip", gzip_bytes(k_body)},
      {"GZIP", gzip_bytes(k_body)},     {"deflate", zlib_bytes(k_body)},
      {"deflate", raw_deflate(k_body)}, {"br", brotli_bytes(k_body)},
  };
  for (const auto& [coding, encoded] : cases) {
    for (std::size_t step : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
      auto d = decode(coding, encoded, step);
      EXPECT_TRUE(d.ok) << coding << " step " << step << ": " << d.error;
      EXPECT_EQ(d.body, k_body) << coding << " step " << step;
      EXPECT_EQ(d.unfinished, "") << coding << " step " << step;
    }
  }
}

TEST(BodyDecoder, EveryCutStreamIsUnfinished) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"gzip", gzip_bytes(k_body)},
      {"deflate", zlib_bytes(k_body)},
      {"deflate", raw_deflate(k_body)},
      {"br", brotli_bytes(k_body)},
  };
  for (const auto& [coding, encoded] : cases) {
    for (std::size_t keep : {std::size_t{1}, encoded.size() / 2, encoded.size() - 1}) {
      auto d = decode(coding, std::string_view(encoded).substr(0, keep));
      EXPECT_TRUE(d.ok) << coding << " " << keep << ": " << d.error;
      EXPECT_EQ(d.unfinished, "the " + std::string(coding) + " stream is unfinished")
          << coding << " cut to " << keep << " of " << encoded.size();
    }
  }
}

TEST(BodyDecoder, GzipWithoutItsChecksumTrailerIsUnfinished) {
  const std::string whole = gzip_bytes(k_body);
  auto d = decode("gzip", std::string_view(whole).substr(0, whole.size() - 8));
  EXPECT_EQ(d.body, k_body);  // every byte of content is there, but its checksum is not
  EXPECT_EQ(d.unfinished, "the gzip stream is unfinished");
}

TEST(BodyDecoder, GzipWithAWrongChecksumIsAnError) {
  std::string bad = gzip_bytes(k_body);
  bad[bad.size() - 6] = static_cast<char>(bad[bad.size() - 6] ^ 0x55);
  auto d = decode("gzip", bad);
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "gzip: incorrect data check");
}

TEST(BodyDecoder, GarbageIsAnErrorNamingTheCoding) {
  auto gz = decode("gzip", "this is not gzip");
  EXPECT_FALSE(gz.ok);
  EXPECT_EQ(gz.error, "gzip: incorrect header check");
  auto br = decode("br", std::string(64, '\xff'));
  EXPECT_FALSE(br.ok);
  EXPECT_EQ(br.error.rfind("br: ", 0), 0u) << br.error;
}

TEST(BodyDecoder, BytesAfterTheEndOfAStreamAreAnError) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"gzip", gzip_bytes(k_body)},
      {"deflate", zlib_bytes(k_body)},
      {"deflate", raw_deflate(k_body)},
      {"br", brotli_bytes(k_body)},
  };
  for (const auto& [coding, encoded] : cases) {
    for (std::size_t step : {std::size_t{0}, std::size_t{1}}) {
      auto d = decode(coding, encoded + "\n\njunk", step);
      EXPECT_FALSE(d.ok) << coding;
      EXPECT_EQ(d.error, std::string(coding) + ": data after the end of the stream");
      EXPECT_EQ(d.body, k_body) << coding;
    }
  }
}

TEST(BodyDecoder, EveryPrefixOfAStreamIsUnfinished) {
  const std::string small = feed_items(20);
  const std::pair<std::string_view, std::string> cases[] = {
      {"gzip", gzip_bytes(small)},
      {"deflate", zlib_bytes(small)},
      {"deflate", raw_deflate(small)},
      {"br", brotli_bytes(small)},
  };
  for (const auto& [coding, encoded] : cases) {
    for (std::size_t keep = 1; keep < encoded.size(); ++keep) {
      auto d = decode(coding, std::string_view(encoded).substr(0, keep));
      ASSERT_TRUE(d.ok) << coding << " cut to " << keep << ": " << d.error;
      ASSERT_EQ(d.unfinished, "the " + std::string(coding) + " stream is unfinished")
          << coding << " cut to " << keep << " of " << encoded.size();
      ASSERT_EQ(small.compare(0, d.body.size(), d.body), 0) << "a prefix of the body";
    }
  }
}

TEST(BodyDecoder, ConcatenatedGzipMembersAreOneBody) {
  const std::string second = feed_items(3);
  const std::string both = gzip_bytes(k_body) + gzip_bytes(second);
  for (std::size_t step : {std::size_t{0}, std::size_t{1}, std::size_t{13}}) {
    auto d = decode("gzip", both, step);
    EXPECT_TRUE(d.ok) << d.error;
    EXPECT_EQ(d.body, k_body + second) << "step " << step;
    EXPECT_EQ(d.unfinished, "");
  }
  auto cut = decode("gzip", std::string_view(both).substr(0, both.size() - 3));
  EXPECT_EQ(cut.unfinished, "the gzip stream is unfinished");
}

TEST(BodyDecoder, StackedCodingsAreUndoneLastFirst) {
  // "deflate, gzip": deflated first, then gzipped.
  auto d = decode("deflate, gzip", gzip_bytes(zlib_bytes(k_body)), 5);
  EXPECT_TRUE(d.ok) << d.error;
  EXPECT_EQ(d.body, k_body);
  EXPECT_EQ(d.unfinished, "");
  const std::string outer = gzip_bytes(zlib_bytes(k_body));
  // The outer stream whole, the inner one cut: still unfinished.
  const std::string inner_cut = zlib_bytes(k_body).substr(0, 100);
  auto cut = decode("deflate, gzip", gzip_bytes(inner_cut));
  EXPECT_EQ(cut.unfinished, "the deflate stream is unfinished");
}

TEST(BodyDecoder, StackedCodingsAreBounded) {
  std::string codings = "gzip";
  for (std::size_t i = 1; i < model::limits::k_max_content_codings; ++i) {
    codings += ", gzip";
  }
  std::string body = k_body;
  for (std::size_t i = 0; i < model::limits::k_max_content_codings; ++i) {
    body = gzip_bytes(body);
  }
  auto at = decode(codings, body);
  EXPECT_TRUE(at.ok) << at.error;
  EXPECT_EQ(at.body, k_body);
  auto over = decode(codings + ", gzip", gzip_bytes(body));
  EXPECT_FALSE(over.ok);
  EXPECT_EQ(over.error, "more than " + std::to_string(model::limits::k_max_content_codings) +
                            " stacked Content-Encoding codings");
}

TEST(BodyDecoder, UnknownCodingIsAnErrorNamingIt) {
  auto d = decode("gzip, zstd", "abc");
  EXPECT_FALSE(d.ok);
  EXPECT_EQ(d.error, "unsupported Content-Encoding \"zstd\"");
  EXPECT_EQ(d.body, "");
}

TEST(BodyDecoder, EmptyBodyIsNotACutStream) {
  BodyDecoder decoder("gzip");
  EXPECT_EQ(decoder.unfinished(), "");
}

TEST(BodyDecoder, SinkStopsDecoding) {
  BodyDecoder decoder("gzip");
  std::size_t calls = 0;
  EXPECT_FALSE(decoder.feed(gzip_bytes(std::string(1 << 20, 'a')), [&](std::string_view) {
    ++calls;
    return false;
  }));
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(decoder.error(), "");
}

}  // namespace
}  // namespace orrery::fetch
