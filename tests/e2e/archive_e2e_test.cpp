// End-to-end: the default theme's archive (docs/theme.md) and the demo planet. The real orrery
// binary renders a planet served on 127.0.0.1 and, separately, a copy of config/planet.ini.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

namespace fs = std::filesystem;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// An Atom feed of `count` entries, one a day from 1 June 2023 (entry 31 is 1 July), the newest
// first.
std::string feed_of(int count) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Stars</title>"
      "<id>tag:stars.example,2023:feed</id><link rel=\"alternate\" href=\"http://stars.example/\"/>"
      "<updated>2023-08-01T00:00:00Z</updated>\n";
  for (int i = count; i >= 1; --i) {
    std::string n = std::to_string(i);
    std::string day = i <= 30 ? "2023-06-" + two_digits(i) : "2023-07-" + two_digits(i - 30);
    xml += "<entry><title>Star number " + n + "</title><id>tag:stars.example,2023:" + n +
           "</id><link href=\"http://stars.example/" + n + "\"/><updated>" + day +
           "T12:00:00Z</updated><content type=\"html\">&lt;p&gt;Post " + n +
           "&lt;/p&gt;</content></entry>\n";
  }
  return xml + "</feed>\n";
}

class ArchiveE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    set_feed(45);
    m_server.server().Get("/stars.atom", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(m_mutex);
      res.set_content(m_feed, "application/atom+xml");
    });
  }

  void set_feed(int count) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_feed = feed_of(count);
  }

  ProcessResult run(int items_per_page, bool all = false) {
    fs::path config = m_dir.write("planet.ini",
                                  "[Planet]\nname = Archive Planet\n"
                                  "cache_directory = cache\noutput_dir = public\n"
                                  "items_per_page = " +
                                      std::to_string(items_per_page) + "\n\n[" +
                                      m_server.url("/stars.atom") + "]\nname = Stars\n");
    std::vector<std::string> args = {orrery_binary(), "run", "-c", config.string()};
    if (all) {
      args.push_back("--all");
    }
    return run_process(args);
  }

  std::string out(const std::string& name) const { return slurp(m_dir / "public" / name); }

  // Each file's inode: an atomic write renames a new file over the old one, so the same inode
  // means the file was not written.
  std::map<std::string, ino_t> inodes() const {
    std::map<std::string, ino_t> result;
    for (const auto& file : fs::recursive_directory_iterator(m_dir / "public")) {
      struct stat st {};
      if (file.is_regular_file() && stat(file.path().c_str(), &st) == 0) {
        result[file.path().lexically_relative(m_dir / "public").generic_string()] = st.st_ino;
      }
    }
    return result;
  }

  TempDir m_dir;
  std::mutex m_mutex;
  std::string m_feed;
  HttpServer m_server;
};

TEST_F(ArchiveE2e, WhatTheFrontPageLeavesOutIsOnItsMonthsPage) {
  ProcessResult r = run(10);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string index = out("index.html");
  EXPECT_EQ(occurrences(index, "<article class=\"entry\""), 10u);
  EXPECT_TRUE(contains(index, "Star number 45<"));
  EXPECT_FALSE(contains(index, "Star number 35<"));
  // Star 35 (5 July) is the first entry the front page leaves out.
  EXPECT_TRUE(contains(index, "rel=\"next\" href=\"archive/2023/07.html\"")) << index;
  std::string july = out("archive/2023/07.html");
  EXPECT_EQ(occurrences(july, "<article class=\"entry\""), 15u);
  EXPECT_TRUE(contains(july, "<title>July 2023 · Archive Planet</title>"));
  EXPECT_TRUE(contains(july, "rel=\"next\" href=\"../../archive/2023/06.html\""));
  EXPECT_TRUE(contains(july, "href=\"../../planet.css\""));
  std::string june = out("archive/2023/06.html");
  EXPECT_EQ(occurrences(june, "<article class=\"entry\""), 30u);
  EXPECT_TRUE(contains(june, "rel=\"prev\" href=\"../../archive/2023/07.html\""));
  EXPECT_FALSE(contains(june, "rel=\"next\""));
  // Every entry is on exactly one month page.
  for (int i = 1; i <= 45; ++i) {
    std::string title = "Star number " + std::to_string(i) + "<";
    EXPECT_EQ(occurrences(july, title) + occurrences(june, title), 1u) << title;
  }
  EXPECT_FALSE(fs::exists(m_dir / "public/page")) << "no numbered pages";
}

TEST_F(ArchiveE2e, EachFeedHasAPageAndTheArchiveIndexLinksEverything) {
  ProcessResult r = run(10);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string feed = out("feeds/stars.html");
  // A list of the feed's posts, newest first, each linking the post; their content is on the
  // month pages.
  EXPECT_EQ(occurrences(feed, "<article class=\"entry\""), 0u);
  EXPECT_EQ(occurrences(feed, "<li><a href=\"http://stars.example/"), 45u);
  EXPECT_LT(feed.find("Star number 45<"), feed.find("Star number 44<"));
  EXPECT_TRUE(contains(feed, "<title>Stars · Archive Planet</title>"));
  std::string archives = out("archives.html");
  EXPECT_TRUE(contains(archives, "href=\"archive/2023/07.html\">July 2023<"));
  EXPECT_TRUE(contains(archives, "href=\"archive/2023/06.html\">June 2023<"));
  EXPECT_TRUE(contains(archives, "href=\"feeds/stars.html\">Stars<"));
  EXPECT_TRUE(contains(out("index.html"), "href=\"feeds/stars.html\""));
  EXPECT_TRUE(contains(out("index.html"), "href=\"archives.html\""));
}

TEST_F(ArchiveE2e, ASecondRunWritesOnlyThePagesThatChanged) {
  ASSERT_EQ(run(10).exit_code, 0);
  std::map<std::string, ino_t> first = inodes();
  ASSERT_EQ(first.count("archive/2023/06.html"), 1u);
  // Nothing new: no archive page is written.
  ASSERT_EQ(run(10, true).exit_code, 0);
  std::map<std::string, ino_t> second = inodes();
  for (const char* page :
       {"archive/2023/07.html", "archive/2023/06.html", "feeds/stars.html", "archives.html"}) {
    EXPECT_EQ(first[page], second[page]) << page << " was written again";
  }
  // A new entry (16 July): its month page and its feed's page, nothing else of the archive.
  set_feed(46);
  ASSERT_EQ(run(10, true).exit_code, 0);
  std::map<std::string, ino_t> third = inodes();
  EXPECT_NE(second["archive/2023/07.html"], third["archive/2023/07.html"]);
  EXPECT_NE(second["feeds/stars.html"], third["feeds/stars.html"]);
  EXPECT_NE(second["index.html"], third["index.html"]);
  EXPECT_EQ(second["archive/2023/06.html"], third["archive/2023/06.html"]);
  EXPECT_EQ(second["archives.html"], third["archives.html"]);
  EXPECT_TRUE(contains(out("archive/2023/07.html"), "Star number 46<"));
}

TEST_F(ArchiveE2e, AMissingPageIsWrittenAgainAndStalePagesGo) {
  ASSERT_EQ(run(10).exit_code, 0);
  fs::remove(m_dir / "public/archive/2023/06.html");
  m_dir.write("public/page/2.html", "<p>a numbered page of an older orrery</p>");
  m_dir.write("public/archive/2022/01.html", "<p>a month no entry is in any more</p>");
  ASSERT_EQ(run(10).exit_code, 0);
  EXPECT_EQ(occurrences(out("archive/2023/06.html"), "<article class=\"entry\""), 30u);
  EXPECT_FALSE(fs::exists(m_dir / "public/page/2.html"));
  EXPECT_FALSE(fs::exists(m_dir / "public/archive/2022/01.html"));
}

// The demo planet (config/planet.ini with its feeds, copied so that its build/ lands in a temp
// directory) shows off the theme and runs clean despite its failing feed.
TEST(DemoPlanetE2e, RendersTheShowcase) {
  TempDir dir;
  fs::path source = fs::path(ORRERY_SOURCE_DIR) / "config";
  fs::create_directories(dir / "config");
  fs::copy(source / "planet.ini", dir / "config/planet.ini");
  fs::copy(source / "feeds", dir / "config/feeds", fs::copy_options::recursive);
  ProcessResult r =
      run_process({orrery_binary(), "run", "-c", (dir / "config/planet.ini").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.err, "moved-away.xml")) << "the failing feed is reported";
  fs::path output = dir / "build/demo/output";
  EXPECT_TRUE(contains(r.err, "info: page: " + (output / "index.html").string())) << r.err;
  std::string index = slurp(output / "index.html");
  EXPECT_TRUE(contains(index, "planet necblogs"));
  EXPECT_TRUE(contains(index, "rel=\"next\" href=\"archive/"));
  EXPECT_TRUE(fs::exists(output / "archives.html"));
  EXPECT_TRUE(fs::exists(output / "images/ann-black.svg"));
  EXPECT_TRUE(contains(index, "src=\"images/ann-black.svg\""));
  // The long post: folded, its h1 shown as h5, its magenta style gone, its image lazy.
  EXPECT_TRUE(contains(index, "<details class=\"fold\">"));
  EXPECT_TRUE(contains(index, "<h5>Headings stay below the entry"));
  EXPECT_FALSE(contains(index, "magenta;")) << "inline styles are dropped";
  EXPECT_FALSE(contains(index, "#ff00ff"));
  EXPECT_TRUE(contains(index, "loading=\"lazy\" referrerpolicy=\"no-referrer\""));
  EXPECT_TRUE(contains(index, "<table tabindex=\"0\">")) << "scrolls, so takes the focus";
  EXPECT_TRUE(contains(index, "<pre tabindex=\"0\">"));
  // The untitled note is titled; the failing feed says so in words.
  EXPECT_TRUE(contains(index, "An untitled note, as microblogs write them"));
  EXPECT_TRUE(contains(index, "class=\"subscription health-failing\""));
  EXPECT_TRUE(contains(index, "aria-label=\"feed of Ann Black on the Record\""));
  // Nothing published points at a local file or a bounce address.
  for (const char* name : {"index.html", "archive/2023/07.html", "archives.html", "atom.xml",
                           "rss20.xml", "rss10.xml", "feed.json", "opml.xml"}) {
    std::string text = slurp(output / name);
    EXPECT_FALSE(contains(text, "file:")) << name;
    EXPECT_FALSE(contains(text, "noreply@")) << name;
  }
}

}  // namespace
}  // namespace orrery::test
