// End-to-end: a planet subscribed to an OPML reading list that a local HTTP server on 127.0.0.1
// (ephemeral port) serves along with the feeds it names. 127.0.0.1 is a private address, so the
// feeds from the list are fetched only when the config allows private networks (issue 5); the
// list itself, and feeds written in the config, are trusted.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

constexpr const char* k_list_etag = "\"list-v1\"";

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

class ReadingListE2e : public ::testing::Test {
 protected:
  enum class ListMode { ok, server_error, not_xml };

  void SetUp() override {
    m_server.serve("/alpha.rss", slurp(data_path("e2e/alpha.rss")), "application/rss+xml");
    m_server.serve("/beta.atom", slurp(data_path("e2e/beta.atom")), "application/atom+xml");
    m_list =
        "<?xml version='1.0'?>\n<opml version='2.0'><head><title>Roll</title></head><body>\n"
        "<outline type='rss' text='Listed Alpha' xmlUrl='" +
        m_server.url("/alpha.rss") +
        "'/>\n"
        "<outline type='rss' text='Listed Beta' xmlUrl='" +
        m_server.url("/beta.atom") + "'/>\n</body></opml>\n";
    m_server.server().Get("/list.opml",
                          [this](const httplib::Request& req, httplib::Response& res) {
                            switch (m_list_mode.load()) {
                              case ListMode::server_error:
                                res.status = 500;
                                return;
                              case ListMode::not_xml:
                                res.set_content("<html><body>Moved to a new host", "text/html");
                                return;
                              case ListMode::ok:
                                break;
                            }
                            if (req.get_header_value("If-None-Match") == k_list_etag) {
                              res.status = 304;
                              return;
                            }
                            res.set_header("ETag", k_list_etag);
                            res.set_content(m_list, "text/x-opml");
                          });
  }

  // A planet subscribed to the list, plus `extra` sections; `allow` sets allow_private_networks.
  void write_config(bool allow, const std::string& extra = "") {
    m_config = m_dir.write("planet.ini",
                           "[Planet]\nname = List Planet\ncache_directory = cache\n"
                           "output_dir = public\ncache_keep_entries = 0\n" +
                               std::string(allow ? "allow_private_networks = yes\n" : "") + "\n[" +
                               m_server.url("/list.opml") + "]\ncontent_type = opml\n" + extra);
  }

  ProcessResult run(const std::string& command = "run", const std::string& flag = "") {
    std::vector<std::string> argv{orrery_binary(), command, "-c", m_config.string()};
    if (!flag.empty()) {
      argv.push_back(flag);
    }
    return run_process(argv);
  }

  long long stored_feeds() const {
    sqlite3* db = nullptr;
    long long n = -1;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_open_v2((m_dir / "cache/orrery.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM feeds", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

  std::string page() const { return slurp(m_dir / "public/index.html"); }

  TempDir m_dir;
  HttpServer m_server;
  std::string m_list;
  std::atomic<ListMode> m_list_mode{ListMode::ok};
  std::filesystem::path m_config;
};

TEST_F(ReadingListE2e, WithPrivateNetworksAllowedListedFeedsAreFetchedAndPublished) {
  write_config(true);
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(m_server.request_count("/list.opml"), 1u);
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 1u);
  EXPECT_EQ(m_server.request_count("/beta.atom"), 1u);
  std::string html = page();
  EXPECT_NE(html.find("Listed Alpha"), std::string::npos);
  EXPECT_NE(html.find("Listed Beta"), std::string::npos);
  EXPECT_NE(html.find("Committee meeting, 25 July"), std::string::npos);
  EXPECT_NE(html.find("Report of 25 July"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_directory(m_dir / "cache/lists"));
}

TEST_F(ReadingListE2e, WithoutItListedFeedsAreRefusedButConfigFeedsOnTheSameServerAreNot) {
  // Beta is also written in the config: it keeps its own section and is trusted.
  write_config(false, "\n[" + m_server.url("/beta.atom") + "]\nname = Written Beta\n");
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << "a refused feed is not a failed cycle\n" << r.err;
  std::string expected = "warning: feed " + m_server.url("/alpha.rss") +
                         ": fetch: refused to connect to private address 127.0.0.1 (a feed from "
                         "reading list " +
                         m_server.url("/list.opml") + "; allow_private_networks lets it)\n";
  EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
  EXPECT_EQ(occurrences(r.err, "\n"), 1u) << r.err;
  EXPECT_EQ(m_server.request_count("/list.opml"), 1u) << "the list's own URL is trusted";
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 0u) << "no connection was made";
  EXPECT_EQ(m_server.request_count("/beta.atom"), 1u);
  std::string html = page();
  EXPECT_NE(html.find("Written Beta"), std::string::npos);
  EXPECT_EQ(html.find("Listed Beta"), std::string::npos);
  EXPECT_NE(html.find("Report of 25 July"), std::string::npos);
  EXPECT_EQ(html.find("Committee meeting, 25 July"), std::string::npos);
}

TEST_F(ReadingListE2e, ListFetchedConditionallyAndItsCachedCopyUsedWhenFetchOrParseFails) {
  write_config(true);
  ASSERT_EQ(run().exit_code, 0);

  ProcessResult unchanged = run("run", "--all");  // 304: the cached copy, silently
  ASSERT_EQ(unchanged.exit_code, 0) << unchanged.err;
  EXPECT_EQ(unchanged.err, "");
  ASSERT_EQ(m_server.request_count("/list.opml"), 2u);
  EXPECT_EQ(m_server.last_request("/list.opml")->header("If-None-Match"), k_list_etag);
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 2u);

  m_list_mode = ListMode::server_error;
  ProcessResult failed = run("run", "--all");
  ASSERT_EQ(failed.exit_code, 0) << failed.err;
  EXPECT_EQ(failed.err, "warning: reading list " + m_server.url("/list.opml") +
                            ": fetch: HTTP 500 Internal Server Error; using the cached copy\n");
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 3u);
  EXPECT_EQ(m_server.request_count("/beta.atom"), 3u);
  EXPECT_NE(page().find("Listed Alpha"), std::string::npos);

  m_list_mode = ListMode::not_xml;
  ProcessResult broken = run("run", "--all");
  ASSERT_EQ(broken.exit_code, 0) << broken.err;
  EXPECT_NE(broken.err.find("warning: reading list " + m_server.url("/list.opml") +
                            ": parse: not well-formed XML"),
            std::string::npos)
      << broken.err;
  EXPECT_NE(broken.err.find("; using the cached copy\n"), std::string::npos) << broken.err;
  EXPECT_EQ(occurrences(broken.err, "\n"), 1u) << broken.err;
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 4u);
  EXPECT_NE(page().find("Listed Beta"), std::string::npos);
}

TEST_F(ReadingListE2e, ListThatNeverArrivedIsReportedAndTheCycleGoesOn) {
  m_list_mode = ListMode::server_error;
  write_config(true, "\n[" + m_server.url("/beta.atom") + "]\nname = Written Beta\n");
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "error: reading list " + m_server.url("/list.opml") +
                       ": fetch: HTTP 500 Internal Server Error; no cached copy: its feeds are "
                       "left out this time\n");
  EXPECT_NE(page().find("Written Beta"), std::string::npos);
}

TEST_F(ReadingListE2e, ExpungeKeepsListedFeedsAndRemovesNoneWithoutACachedList) {
  write_config(true);
  ASSERT_EQ(run().exit_code, 0);
  ASSERT_EQ(stored_feeds(), 2);
  ProcessResult kept = run("expunge");
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_EQ(stored_feeds(), 2) << "the feeds of the cached list are still subscribed";
  EXPECT_EQ(m_server.request_count("/list.opml"), 1u) << "expunge does not fetch";

  std::filesystem::remove_all(m_dir / "cache/lists");
  ProcessResult unknown = run("expunge");
  ASSERT_EQ(unknown.exit_code, 0) << unknown.err;
  EXPECT_NE(unknown.err.find("expunge: 1 reading list(s) have no cached copy: no feed is removed"),
            std::string::npos)
      << unknown.err;
  EXPECT_EQ(stored_feeds(), 2);
}

}  // namespace
}  // namespace orrery::test
