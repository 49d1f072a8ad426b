// Every bound the Fetcher puts on a hostile server, against real local servers: body size
// (plain, chunked, compressed), time (total, low speed), header size, and broken framing.
#include "fetch/fetcher.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include "fetch_helpers.h"
#include "support/http_server.h"
#include "support/raw_server.h"
#include "support/temp_dir.h"

namespace orrery::fetch {
namespace {

using namespace std::chrono_literals;
using orrery::test::CannedResponse;
using orrery::test::HttpServer;
using orrery::test::RawConnection;
using orrery::test::RawServer;
using test::fetch_one;
using test::request_for;

constexpr std::size_t k_cap = std::size_t{64} * 1024;

model::FetchRequest capped(std::string url, std::size_t cap = k_cap) {
  auto r = request_for(std::move(url));
  r.limits.max_body_bytes = cap;
  return r;
}

std::string gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
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

std::string cap_error(std::size_t cap = k_cap) {
  return "body larger than " + std::to_string(cap) + " bytes";
}

TEST(FetcherBounds, BodyAtTheCapIsAccepted) {
  HttpServer server;
  server.serve("/feed", std::string(k_cap, 'x'), "application/octet-stream");
  auto r = fetch_one(capped(server.url("/feed")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body.size(), k_cap);
}

TEST(FetcherBounds, FileOverTheCapIsRefused) {
  orrery::test::TempDir dir;
  auto path = dir.write("big.xml", std::string(k_cap + 1, 'x'));
  auto req = capped("file://" + path.string());
  req.allow_file = true;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, cap_error());
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, BodyOverTheCapWithContentLengthIsAborted) {
  HttpServer server;
  server.serve("/feed", std::string(k_cap + 1, 'x'), "application/octet-stream");
  auto r = fetch_one(capped(server.url("/feed")));
  EXPECT_EQ(r.error, cap_error());
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, EndlessChunkedBodyIsAbortedAtTheCap) {
  HttpServer server;
  server.server().Get("/endless", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/octet-stream",
                                     [](std::size_t, httplib::DataSink& sink) {
                                       const std::string block(std::size_t{16} * 1024, 'x');
                                       return sink.write(block.data(), block.size());
                                     });
  });
  auto r = fetch_one(capped(server.url("/endless")));
  EXPECT_EQ(r.error, cap_error());
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, EndlessBodyWithoutLengthIsAbortedAtTheCap) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
    const std::string block(std::size_t{16} * 1024, 'x');
    while (c.write(block)) {
    }
  });
  auto r = fetch_one(capped(server.url("/endless")));
  EXPECT_EQ(r.error, cap_error());
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, CompressedBodyIsCountedAfterDecompression) {
  HttpServer server;
  // Compressed by the server to a few hundred bytes; decoded it is over the cap.
  server.serve("/feed", std::string(4 * k_cap, 'a'), "text/xml");
  auto r = fetch_one(capped(server.url("/feed")));
  EXPECT_EQ(r.error, cap_error());
}

TEST(FetcherBounds, GzipBombIsAbortedAtTheCap) {
  HttpServer server;
  const std::size_t cap = std::size_t{1024} * 1024;
  const std::string bomb = gzip(std::string(64 * cap, '\0'));  // 64 MiB of zeros, ~64 KiB sent
  ASSERT_LT(bomb.size(), cap);
  server.serve("/bomb", CannedResponse{
                            200, bomb, "application/octet-stream", {{"Content-Encoding", "gzip"}}});
  auto r = fetch_one(capped(server.url("/bomb"), cap));
  EXPECT_EQ(r.error, cap_error(cap));
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, BrokenCompressionIsAnError) {
  HttpServer server;
  server.serve(
      "/feed",
      CannedResponse{
          200, "this is not gzip", "application/octet-stream", {{"Content-Encoding", "gzip"}}});
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error.rfind("cannot decode body: ", 0), 0u) << r.error;
}

TEST(FetcherBounds, StalledServerHitsTheTotalTimeout) {
  HttpServer server;
  server.stall("/stall");
  auto req = request_for(server.url("/stall"));
  req.limits.total_timeout = 1s;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "timed out after 1 s");
  EXPECT_LT(r.elapsed, 20s);  // the bound held (generous: not a timing assertion)
}

// A listening socket whose accept queue is full, so the kernel drops further SYNs and a new
// connection attempt hangs until the client gives up.
class FullBacklog {
 public:
  FullBacklog() {
    m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    EXPECT_EQ(::bind(m_listener, sa, len), 0);
    EXPECT_EQ(::listen(m_listener, 0), 0);
    EXPECT_EQ(::getsockname(m_listener, sa, &len), 0);
    m_port = ntohs(addr.sin_port);
    for (int i = 0; i < 4; ++i) {  // fills the queue; later connects stay pending
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      (void)::connect(fd, sa, len);  // non-blocking: completes in the kernel
      m_fillers.push_back(fd);
    }
  }
  ~FullBacklog() {
    for (int fd : m_fillers) {
      ::close(fd);
    }
    ::close(m_listener);
  }
  FullBacklog(const FullBacklog&) = delete;
  FullBacklog& operator=(const FullBacklog&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/feed"; }

 private:
  int m_listener = -1;
  int m_port = 0;
  std::vector<int> m_fillers;
};

TEST(FetcherBounds, UnansweredConnectHitsTheConnectTimeout) {
  FullBacklog server;
  auto req = request_for(server.url());
  req.limits.connect_timeout = 1s;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "connect timed out after 1 s");
  EXPECT_LT(r.elapsed, 20s);
}

TEST(FetcherBounds, SlowlorisTrickleHitsTheLowSpeedLimit) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
    while (c.write("x") && !c.wait_for_stop(200ms)) {
    }
  });
  auto req = request_for(server.url("/slow"));
  req.limits.low_speed_bytes_per_second = 1000;
  req.limits.low_speed_time = 1s;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error, "too slow: less than 1000 bytes/s for 1 s");
  EXPECT_LT(r.elapsed, 20s);
}

TEST(FetcherBounds, ShortBodyForContentLengthIsATruncationError) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n<rss>");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "body cut short: 5 of 100 bytes");
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, ConnectionResetMidBodyIsAnError) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n<rss><channel>");
    c.reset();
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "receive failed: Connection reset by peer");
  EXPECT_EQ(r.body, "");
}

TEST(FetcherBounds, Http09ResponseIsRefused) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("<rss version=\"2.0\"></rss>\n");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "invalid response: HTTP/0.9 is not allowed");
}

TEST(FetcherBounds, ClosedConnectionWithoutResponseIsAnError) {
  RawServer server([](RawConnection& c) { c.read_request(); });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "server closed the connection without a response");
}

TEST(FetcherBounds, OversizedHeadersAreRefused) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    std::string head = "HTTP/1.1 200 OK\r\n";
    while (head.size() <= model::limits::k_max_header_bytes) {
      head += "X-Padding: " + std::string(1000, 'p') + "\r\n";
    }
    c.write(head + "Content-Length: 0\r\n\r\n");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "response headers larger than 65536 bytes");
}

TEST(FetcherBounds, GiantHeaderLineIsRefused) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nX-Giant: " + std::string(std::size_t{300} * 1024, 'g') +
            "\r\nContent-Length: 0\r\n\r\n");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "response headers larger than 65536 bytes");
}

TEST(FetcherBounds, GarbageStatusLineIsAnInvalidResponse) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 abc\r\n\r\n");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error.rfind("invalid response: ", 0), 0u) << r.error;
}

TEST(FetcherBounds, BrokenChunkedFramingIsAnError) {
  RawServer server([](RawConnection& c) {
    c.read_request();
    c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
  });
  auto r = fetch_one(request_for(server.url("/feed")));
  EXPECT_EQ(r.error, "receive failed: Illegal or missing hexadecimal sequence in chunked-encoding");
  EXPECT_EQ(r.body, "");
}

}  // namespace
}  // namespace orrery::fetch
