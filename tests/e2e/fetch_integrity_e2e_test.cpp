// Fetch integrity end to end: the real binary, twice or three times, against a server whose
// gzip body is cut short inside a transfer that completes (a matching Content-Length). A cut
// body is a failed fetch: nothing from it is stored, the feed's validators and content hash
// stay as they were, one line names the feed and the reason, and the next run that gets the
// whole body stores it.

#include <gtest/gtest.h>
#include <zlib.h>

#include <mutex>
#include <string>
#include <vector>

#include "db_check.h"
#include "support/process.h"
#include "support/raw_server.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

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

std::size_t count_lines_with(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.substr(start, end - start).find(needle) != std::string::npos) ++n;
    start = end + 1;
  }
  return n;
}

// What the server answers next: a gzip body (whole or cut) under an ETag, or 304 to a request
// that carries that ETag, as a real server does for content it has not changed.
struct Served {
  std::string body;  // the feed, uncompressed
  std::string etag;
  bool cut = false;  // send only the first half of the gzip stream, Content-Length to match
  bool not_modified_always = false;  // 304 whatever the request says
};

class FetchIntegrityE2e : public ::testing::Test {
 protected:
  FetchIntegrityE2e()
      : m_server([this](RawConnection& c) { answer(c); }),
        m_config(m_dir.write("planet.ini",
                             "[Planet]\nname = Integrity\ncache_directory = cache\n"
                             "output_dir = public\n\n[" +
                                 m_server.url("/feed.atom") + "]\nname = Alpha\n")) {}

  void serve(Served served) {
    std::lock_guard<std::mutex> guard(m_mutex);
    m_served = std::move(served);
  }

  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> guard(m_mutex);
    return m_requests;
  }

  // Every run fetches the feed (--all): these tests are about what each response does.
  ProcessResult run() {
    return run_process({orrery_binary(), "run", "--all", "-c", m_config.string()});
  }

  std::filesystem::path db() const { return m_dir / "cache/orrery.db"; }
  std::string url() const { return m_server.url("/feed.atom"); }
  std::string feed_column(const std::string& column) {
    return query_value(db(), "SELECT " + column + " FROM feeds");
  }
  std::string entry_count() { return query_value(db(), "SELECT COUNT(*) FROM entries"); }

 private:
  void answer(RawConnection& c) {
    const std::string request = c.read_request();
    Served s;
    {
      std::lock_guard<std::mutex> guard(m_mutex);
      m_requests.push_back(request);
      s = m_served;
    }
    if (s.not_modified_always ||
        request.find("If-None-Match: " + s.etag + "\r\n") != std::string::npos) {
      c.write("HTTP/1.1 304 Not Modified\r\nETag: " + s.etag + "\r\nConnection: close\r\n\r\n");
      return;
    }
    std::string bytes = gzip(s.body);
    if (s.cut) {
      bytes.resize(bytes.size() / 2);
    }
    c.write(
        "HTTP/1.1 200 OK\r\nContent-Type: application/atom+xml\r\nContent-Encoding: gzip\r\n"
        "ETag: " +
        s.etag + "\r\nLast-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\nContent-Length: " +
        std::to_string(bytes.size()) + "\r\nConnection: close\r\n\r\n" + bytes);
  }

  TempDir m_dir;
  std::mutex m_mutex;
  Served m_served;
  std::vector<std::string> m_requests;
  RawServer m_server;
  std::filesystem::path m_config;
};

TEST_F(FetchIntegrityE2e, CutGzipStoresNothingAndTheNextRunStoresTheWholeFeed) {
  const std::string feed = synthetic_atom_feed("alpha", 12, 400);
  serve({feed, "\"v1\"", true});
  ProcessResult first = run();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string line = "warning: feed " + url() +
                           ": fetch: body cut short: the gzip stream is " + "unfinished after ";
  EXPECT_EQ(count_lines_with(first.err, line), 1u) << first.err;
  EXPECT_EQ(count_lines_with(first.err, url()), 1u) << "one line for the feed:\n" << first.err;
  EXPECT_EQ(entry_count(), "0");
  EXPECT_EQ(feed_column("etag"), "");  // the cut response's validators were not kept
  EXPECT_EQ(feed_column("last_modified"), "");
  EXPECT_EQ(feed_column("content_hash"), "");
  EXPECT_EQ(feed_column("consecutive_failures"), "1");

  // The server still has "v1": a client that kept the cut response's ETag would get 304 and
  // never see the entries.
  serve({feed, "\"v1\"", false});
  ProcessResult second = run();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(count_lines_with(second.err, url()), 1u) << second.err;  // only the good news
  EXPECT_EQ(count_lines_with(second.err, "warning: feed " + url() + ": recovered after 1 failure "),
            1u)
      << second.err;
  const auto seen = requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].find("If-None-Match"), std::string::npos) << seen[1];
  EXPECT_EQ(seen[1].find("If-Modified-Since"), std::string::npos) << seen[1];
  EXPECT_EQ(entry_count(), "12");
  EXPECT_EQ(feed_column("etag"), "\"v1\"");
  EXPECT_EQ(feed_column("consecutive_failures"), "0");
  EXPECT_EQ(store_invariant_violation(db()), "");
}

TEST_F(FetchIntegrityE2e, CutUpdateKeepsTheStoredFeedItsValidatorsAndItsHash) {
  serve({synthetic_atom_feed("alpha", 12, 400), "\"v1\"", false});
  ASSERT_EQ(run().exit_code, 0);
  ASSERT_EQ(entry_count(), "12");
  const Rows stored = entry_content(db());
  const std::string hash = feed_column("content_hash");
  ASSERT_NE(hash, "");

  // A longer version, cut: its first half holds new entries a loose parser could recover.
  const std::string updated = synthetic_atom_feed("alpha", 40, 400);
  serve({updated, "\"v2\"", true});
  ProcessResult second = run();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(count_lines_with(second.err, "warning: feed " + url() + ": fetch: body cut short: "),
            1u)
      << second.err;
  EXPECT_EQ(entry_content(db()), stored);
  EXPECT_EQ(feed_column("etag"), "\"v1\"");
  EXPECT_EQ(feed_column("last_modified"), "Tue, 01 Dec 2026 10:00:00 GMT");
  EXPECT_EQ(feed_column("content_hash"), hash);

  serve({updated, "\"v2\"", false});
  ProcessResult third = run();
  ASSERT_EQ(third.exit_code, 0) << third.err;
  const auto seen = requests();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_NE(seen[2].find("If-None-Match: \"v1\"\r\n"), std::string::npos) << seen[2];
  EXPECT_EQ(entry_count(), "40");
  EXPECT_EQ(feed_column("etag"), "\"v2\"");
  EXPECT_NE(feed_column("content_hash"), hash);
  EXPECT_EQ(store_invariant_violation(db()), "");
}

TEST_F(FetchIntegrityE2e, NotModifiedToAFirstRequestIsAnErrorNamingTheStatus) {
  serve({"", "\"v1\"", false, true});
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_lines_with(r.err, "warning: feed " + url() +
                                        ": fetch: HTTP 304 Not Modified to a request without "
                                        "validators"),
            1u)
      << r.err;
  EXPECT_EQ(feed_column("etag"), "");
  EXPECT_EQ(feed_column("last_status"), "304");
}

}  // namespace
}  // namespace orrery::test
