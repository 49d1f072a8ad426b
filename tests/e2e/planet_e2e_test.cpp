// End-to-end: the real orrery binary runs a planet whose feeds a local HTTP server on
// 127.0.0.1 (ephemeral port) serves; the test asserts the page, atom.xml and the database.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <pugixml.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

constexpr const char* k_alpha_etag = "\"alpha-v1\"";
constexpr const char* k_alpha_modified = "Sat, 29 Jul 2023 11:10:00 GMT";

// Counts rows of `sql` (a SELECT COUNT(*) …) in the planet's database.
long long count_rows(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    ADD_FAILURE() << "cannot open " << db;
    return -1;
  }
  sqlite3_stmt* stmt = nullptr;
  long long n = -1;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    n = sqlite3_column_int64(stmt, 0);
  } else {
    ADD_FAILURE() << "query failed: " << sql << ": " << sqlite3_errmsg(handle);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return n;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

class PlanetE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_alpha = slurp(data_path("e2e/alpha.rss"));
    m_beta = slurp(data_path("e2e/beta.atom"));
    // Alpha answers conditional requests like a real server: 304 when a validator matches.
    m_server.server().Get("/alpha.rss",
                          [this](const httplib::Request& req, httplib::Response& res) {
                            if (m_alpha_status != 200) {
                              res.status = m_alpha_status;
                              return;
                            }
                            if (req.get_header_value("If-None-Match") == k_alpha_etag ||
                                req.get_header_value("If-Modified-Since") == k_alpha_modified) {
                              res.status = 304;
                              return;
                            }
                            res.set_header("ETag", k_alpha_etag);
                            res.set_header("Last-Modified", k_alpha_modified);
                            res.set_content(m_alpha, "application/rss+xml; charset=utf-8");
                          });
    m_server.serve("/beta.atom", m_beta, "application/atom+xml");
    m_config = m_dir.write("planet.ini",
                           "[Planet]\n"
                           "name = Test Planet\n"
                           "link = http://planet.example/\n"
                           "owner_name = Test Owner\n"
                           "cache_directory = cache\n"
                           "output_dir = public\n"
                           "items_per_page = 60\n"
                           "\n[" +
                               m_server.url("/alpha.rss") + "]\nname = Alpha Channel\n" + "\n[" +
                               m_server.url("/beta.atom") + "]\nname = Beta Channel\n");
  }

  ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{orrery_binary(), "run", "-c", m_config.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv);
  }

  std::filesystem::path db() const { return m_dir / "cache/orrery.db"; }
  std::string page() const { return slurp(m_dir / "public/index.html"); }

  TempDir m_dir;
  HttpServer m_server;
  std::string m_alpha, m_beta;
  std::atomic<int> m_alpha_status{200};
  std::filesystem::path m_config;
};

TEST_F(PlanetE2e, FirstRunPublishesPageAtomFeedAndDatabase) {
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = page();
  EXPECT_NE(html.find("Test Planet"), std::string::npos);
  EXPECT_NE(html.find("Committee meeting, 25 July"), std::string::npos);
  EXPECT_NE(html.find("Report of 25 July"), std::string::npos);
  EXPECT_NE(html.find("Alpha Channel"), std::string::npos);
  EXPECT_NE(html.find("Beta Channel"), std::string::npos);
  // Newest first under day headers; the byline in UTC (12:10 +0100 is 11:10 UTC).
  EXPECT_NE(html.find("July 29, 2023"), std::string::npos);
  std::size_t byline = html.find("by Ann Example at ");
  ASSERT_NE(byline, std::string::npos);
  EXPECT_EQ(html.find(">July 29, 2023 11:10 AM<", byline), html.find(">July 29, 2023 11:10 AM<"));
  EXPECT_NE(html.find(">July 29, 2023 11:10 AM<"), std::string::npos);
  EXPECT_LT(html.find("Committee meeting"), html.find("Report of 25 July"));
  EXPECT_LT(html.find("Report of 25 July"), html.find("Earlier report"));
  // Relative links resolved against xml:base, else the document's URL; the sanitiser removed
  // script and handlers.
  EXPECT_NE(html.find("http://beta.example/blog/pics/hall.jpg"), std::string::npos);
  EXPECT_NE(html.find("href=\"" + m_server.url("/agenda") + "\""), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("onclick"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  // A title is text: its markup is shown escaped, never passed through.
  EXPECT_NE(html.find("Fish &amp; &lt;b&gt;chips&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>chips</b>"), std::string::npos);

  pugi::xml_document atom;
  ASSERT_TRUE(atom.load_file((m_dir / "public/atom.xml").c_str())) << "atom.xml is not XML";
  pugi::xml_node feed = atom.child("feed");
  EXPECT_STREQ(feed.attribute("xmlns").value(), "http://www.w3.org/2005/Atom");
  std::size_t entries = 0;
  for (pugi::xml_node e = feed.child("entry"); e; e = e.next_sibling("entry")) {
    ++entries;
  }
  EXPECT_EQ(entries, 5u);

  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM entries"), 5);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM feeds WHERE etag = '\"alpha-v1\"'"), 1);
  EXPECT_EQ(count_rows(db(), "PRAGMA user_version") > 0, true);
}

TEST_F(PlanetE2e, DefaultThemeNamesTheOwnerOnlyWhenTheConfigDoes) {
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(page().find("Run by Test Owner"), std::string::npos);
  // Venus's owner_name default ("Anonymous Coward") is not printed by the default theme.
  std::filesystem::path bare = m_dir.write("bare.ini",
                                           "[Planet]\nname = Bare\ncache_directory = bare-cache\n"
                                           "output_dir = bare-public\n");
  r = run_process({orrery_binary(), "run", "-c", bare.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = slurp(m_dir / "bare-public/index.html");
  EXPECT_NE(html.find("Bare"), std::string::npos);
  EXPECT_EQ(html.find("Run by"), std::string::npos);
  EXPECT_EQ(html.find("Anonymous Coward"), std::string::npos);
}

TEST_F(PlanetE2e, SecondRunSendsBothValidatorsGets304AndLosesNothing) {
  ASSERT_EQ(run().exit_code, 0);
  std::string first_page = page();
  ProcessResult second = run({"--all"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto requests = m_server.requests("/alpha.rss");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_FALSE(requests[0].has_header("If-None-Match"));
  EXPECT_EQ(requests[1].header("If-None-Match"), k_alpha_etag);
  EXPECT_EQ(requests[1].header("If-Modified-Since"), k_alpha_modified);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM entries"), 5);
  std::string html = page();
  EXPECT_EQ(occurrences(html, "Committee meeting, 25 July"),
            occurrences(first_page, "Committee meeting, 25 July"));
  EXPECT_NE(html.find("Policy forum"), std::string::npos);
}

TEST_F(PlanetE2e, FailingFeedIsReportedInOneLineAndKeepsItsEntries) {
  ASSERT_EQ(run().exit_code, 0);
  m_alpha_status = 500;
  ProcessResult r = run({"--all"});
  EXPECT_EQ(r.exit_code, 0) << "one dead feed is not a failed cycle";
  std::string expected =
      "warning: feed " + m_server.url("/alpha.rss") + ": fetch: HTTP 500 Internal Server Error\n";
  EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM entries"), 5);
  EXPECT_NE(page().find("Committee meeting, 25 July"), std::string::npos);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM feeds WHERE consecutive_failures = 1"), 1);
}

TEST_F(PlanetE2e, RunWhileAnotherHoldsTheLockExitsWith75) {
  std::filesystem::create_directories(m_dir / "cache");
  int fd = ::open((m_dir / "cache/orrery.lock").c_str(), O_RDWR | O_CREAT, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  ProcessResult r = run();
  ::close(fd);
  EXPECT_EQ(r.exit_code, 75);
  EXPECT_NE(r.err.find("another orrery run holds the lock"), std::string::npos) << r.err;
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 0u);
}

TEST(CliE2e, BadConfigValueIsOneLineNamingFileAndLine) {
  TempDir dir;
  auto config = dir.write("planet.ini", "[Planet]\nname = x\nitems_per_page = sixty\n");
  ProcessResult r = run_process({orrery_binary(), "run", "-c", config.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("planet.ini:3: items_per_page"), std::string::npos) << r.err;
  EXPECT_EQ(occurrences(r.err, "\n"), 1u) << r.err;
}

TEST(CliE2e, VersionAndUsageErrors) {
  ProcessResult version = run_process({orrery_binary(), "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("orrery ", 0), 0u) << version.out;
  ProcessResult usage = run_process({orrery_binary(), "run"});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(ParseE2e, FeedFileGivesFeedparserJsonAndExitZero) {
  ProcessResult r =
      run_process({orrery_binary(), "parse", data_path("e2e/alpha.rss").string(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"version\":\"rss20\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"bozo\":false"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("owned"), std::string::npos) << "script content is dropped";
  EXPECT_EQ(r.out.find("onclick"), std::string::npos) << "event handlers are dropped";
}

TEST(ParseE2e, NotAFeedExitsOneAndSaysWhy) {
  ProcessResult r = run_process({orrery_binary(), "parse", "-", "--json"},
                                "<html><body>no feed here</body></html>");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\"version\":\"\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"bozo\":true"), std::string::npos) << r.out;
}

TEST(ParseE2e, UnreadableFileIsOneLineNamingIt) {
  ProcessResult r = run_process({orrery_binary(), "parse", "/nonexistent/feed.xml", "--json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nonexistent/feed.xml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace orrery::test
