// A body that ends early is a failed fetch, whichever way it ends: a compressed stream cut
// inside a transfer that itself completes (libcurl 7.88 does not notice), fewer bytes than
// Content-Length, a chunked body without its last chunk. And every HTTP status is named in
// its error line. Raw servers send the exact bytes.
#include <gtest/gtest.h>

#include <string>

#include "codings.h"
#include "fetch/fetcher.h"
#include "fetch_helpers.h"
#include "support/http_server.h"
#include "support/raw_server.h"

namespace orrery::fetch {
namespace {

using orrery::test::HttpServer;
using orrery::test::RawConnection;
using orrery::test::RawServer;
using test::brotli_bytes;
using test::feed_items;
using test::fetch_one;
using test::gzip_bytes;
using test::raw_deflate;
using test::request_for;
using test::zlib_bytes;

const std::string k_body = feed_items(300);

// A 200 whose Content-Length matches `bytes` exactly, so the transfer itself completes.
std::string response(std::string_view coding, std::string_view bytes, int status = 200,
                     std::string_view reason = "OK") {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
                     "\r\nContent-Type: application/rss+xml\r\nETag: \"v1\"\r\n"
                     "Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\n";
  if (!coding.empty()) {
    head += "Content-Encoding: " + std::string(coding) + "\r\n";
  }
  head += "Content-Length: " + std::to_string(bytes.size()) + "\r\nConnection: close\r\n\r\n";
  return head + std::string(bytes);
}

RawServer serving(std::string bytes) {
  return RawServer([bytes = std::move(bytes)](RawConnection& c) {
    c.read_request();
    c.write(bytes);
  });
}

std::string cut_error(std::string_view coding, std::size_t bytes) {
  return "body cut short: the " + std::string(coding) + " stream is unfinished after " +
         std::to_string(bytes) + " bytes";
}

TEST(FetcherIntegrity, WholeCompressedBodiesAreDecoded) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"gzip", gzip_bytes(k_body)},
      {"deflate", zlib_bytes(k_body)},
      {"deflate", raw_deflate(k_body)},
      {"br", brotli_bytes(k_body)},
      {"identity", k_body},
  };
  for (const auto& [coding, encoded] : cases) {
    auto server = serving(response(coding, encoded));
    auto r = fetch_one(request_for(server.url("/feed")));
    EXPECT_TRUE(r.ok()) << coding << ": " << r.error;
    EXPECT_EQ(r.body, k_body) << coding;
    EXPECT_EQ(r.validators.etag, "\"v1\"");
  }
}

TEST(FetcherIntegrity, CutGzipWithAMatchingContentLengthIsAFailedFetch) {
  const std::string whole = gzip_bytes(k_body);
  const std::string cut = whole.substr(0, whole.size() / 2);
  auto server = serving(response("gzip", cut));
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, cut_error("gzip", cut.size()));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");  // nothing of the partial body reaches the caller
}

TEST(FetcherIntegrity, GzipMissingOnlyItsTrailerIsAFailedFetch) {
  const std::string whole = gzip_bytes(k_body);
  const std::string cut = whole.substr(0, whole.size() - 8);
  auto server = serving(response("gzip", cut));
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, cut_error("gzip", cut.size()));
  EXPECT_EQ(r.body, "");
}

TEST(FetcherIntegrity, CutDeflateAndBrotliAreFailedFetches) {
  const std::pair<std::string_view, std::string> cases[] = {
      {"deflate", zlib_bytes(k_body)},
      {"deflate", raw_deflate(k_body)},
      {"br", brotli_bytes(k_body)},
  };
  for (const auto& [coding, whole] : cases) {
    const std::string cut = whole.substr(0, whole.size() * 2 / 3);
    auto server = serving(response(coding, cut));
    auto r = fetch_one(request_for(server.url("/feed")));
    EXPECT_EQ(r.error, cut_error(coding, cut.size()));
    EXPECT_EQ(r.body, "");
  }
}

TEST(FetcherIntegrity, CutGzipInAWholeChunkedBodyIsAFailedFetch) {
  const std::string whole = gzip_bytes(k_body);
  const std::string cut = whole.substr(0, 300);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", cut.size());
  auto server =
      serving("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" +
              std::string(size) + "\r\n" + cut + "\r\n0\r\n\r\n");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, cut_error("gzip", 300));
  EXPECT_EQ(r.body, "");
}

TEST(FetcherIntegrity, FewerBytesThanContentLengthIsAFailedFetch) {
  const std::string bytes = k_body.substr(0, 1200);
  auto server =
      serving("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + bytes);
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "body cut short: 1200 of 5000 bytes");
  EXPECT_EQ(r.body, "");
}

TEST(FetcherIntegrity, ChunkedBodyCutBeforeItsLastChunkIsAFailedFetch) {
  const char* head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  // Between two chunks, and inside one.
  const std::pair<std::string, std::string> cases[] = {
      {std::string(head) + "5\r\n<rss>\r\n", "after 5 bytes"},
      {std::string(head) + "5\r\n<rss>\r\n10\r\n<chan", "after 10 bytes"},
  };
  for (const auto& [bytes, tail] : cases) {
    auto server = serving(bytes);
    auto r = fetch_one(request_for(server.url("/feed")));
    EXPECT_EQ(r.error, "body cut short: chunked body ends before its last chunk, " + tail);
    EXPECT_EQ(r.body, "");
  }
}

TEST(FetcherIntegrity, RedirectBodyIsNotPartOfTheFinalBody) {
  const std::string whole = gzip_bytes(k_body);
  RawServer server([&whole](RawConnection& c) {
    const std::string request = c.read_request();
    if (request.rfind("GET /old ", 0) == 0) {
      const std::string junk = gzip_bytes("<html>moved</html>").substr(0, 10);
      c.write(
          "HTTP/1.1 301 Moved Permanently\r\nLocation: /feed\r\nContent-Encoding: deflate\r\n"
          "Content-Length: " +
          std::to_string(junk.size()) + "\r\n\r\n" + junk);
      return;
    }
    c.write(response("gzip", whole));
  });
  auto r = fetch_one(request_for(server.url("/old")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, k_body);
  EXPECT_TRUE(r.moved_permanently);
}

TEST(FetcherIntegrity, UnknownContentEncodingIsNamed) {
  auto server = serving(response("zstd", "(\xb5/\xfd"));
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "cannot decode body: unsupported Content-Encoding \"zstd\"");
  EXPECT_EQ(r.body, "");
}

TEST(FetcherIntegrity, RequestAcceptsOnlyTheCodingsItChecks) {
  HttpServer server;
  server.serve("/feed", k_body);
  auto r = fetch_one(request_for(server.url("/feed")));
  ASSERT_TRUE(r.ok()) << r.error;
  auto seen = server.last_request("/feed");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->header("Accept-Encoding"), "gzip, deflate, br");
}

TEST(FetcherIntegrity, NotModifiedToARequestWithoutValidatorsNamesTheStatus) {
  auto server = serving("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "HTTP 304 Not Modified to a request without validators");
  EXPECT_FALSE(r.not_modified);
  EXPECT_EQ(r.status, 304);
}

TEST(FetcherIntegrity, NotModifiedToAConditionalRequestIsNotAnError) {
  auto server = serving("HTTP/1.1 304 Not Modified\r\n\r\n");
  auto req = request_for(server.url("/feed"));
  req.validators.last_modified = "Tue, 01 Dec 2026 10:00:00 GMT";
  auto r = fetch_one(req);
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.not_modified);
}

TEST(FetcherIntegrity, UnusualStatusIsNamed) {
  auto server = serving("HTTP/1.1 418 I'm a teapot\r\nContent-Length: 0\r\n\r\n");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "HTTP 418 I'm a teapot");
  auto odd = serving("HTTP/1.1 299 Odd\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(fetch_one(request_for(odd.url("/feed"))).ok());
  auto unknown = serving("HTTP/1.1 599 Network Thing\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(fetch_one(request_for(unknown.url("/feed"))).error, "HTTP 599 Network Thing");
}

TEST(FetcherIntegrity, RedirectWithoutALocationNamesTheStatus) {
  auto server = serving("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(fetch_one(request_for(server.url("/feed"))).error, "HTTP 302 Found without a Location");
}

TEST(FetcherIntegrity, ErrorPageThatFailsToArriveStillNamesTheStatus) {
  auto server = serving(
      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 500\r\nConnection: close\r\n\r\n"
      "<html>down");
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "HTTP 503 Service Unavailable; body cut short: 10 of 500 bytes");
  EXPECT_EQ(r.status, 503);
}

TEST(FetcherIntegrity, ErrorPageOverTheCapStillNamesTheStatus) {
  auto server = serving("HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n" +
                        std::string(4096, 'x'));
  auto req = request_for(server.url("/feed"));
  req.limits.max_body_bytes = 1024;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "HTTP 500 Internal Server Error; body larger than 1024 bytes");
}

TEST(FetcherIntegrity, CompressedStreamThatDecodesToNothingIsBoundedByTheCap) {
  // Empty stored deflate blocks: five bytes each, no output, never the final block.
  std::string endless;
  for (int i = 0; i < 2000; ++i) {
    endless += std::string("\x00\x00\x00\xff\xff", 5);
  }
  auto server = serving(
      "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nConnection: close\r\n\r\n" + endless);
  auto req = request_for(server.url("/feed"));
  req.limits.max_body_bytes = 4096;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "body larger than 4096 bytes");
}

}  // namespace
}  // namespace orrery::fetch
