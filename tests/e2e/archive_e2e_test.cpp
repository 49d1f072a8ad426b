// End-to-end: the default theme's archive (docs/theme.md) and the demo planet. The real orrery
// binary renders a planet served on 127.0.0.1 and, separately, a copy of config/planet.ini.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

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

// An Atom feed of `count` entries, one a day from 1 July 2023, the newest first.
std::string feed_of(int count) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Stars</title>"
      "<id>tag:stars.example,2023:feed</id><link rel=\"alternate\" href=\"http://stars.example/\"/>"
      "<updated>2023-08-01T00:00:00Z</updated>\n";
  for (int i = count; i >= 1; --i) {
    std::string n = std::to_string(i);
    std::string day = (i < 10 ? "0" : "") + n;
    xml += "<entry><title>Star number " + n + "</title><id>tag:stars.example,2023:" + n +
           "</id><link href=\"http://stars.example/" + n + "\"/><updated>2023-07-" + day +
           "T12:00:00Z</updated><content type=\"html\">&lt;p&gt;Post " + n +
           "&lt;/p&gt;</content></entry>\n";
  }
  return xml + "</feed>\n";
}

class ArchiveE2e : public ::testing::Test {
 protected:
  void SetUp() override { m_server.serve("/stars.atom", feed_of(25), "application/atom+xml"); }

  ProcessResult run(int items_per_page) {
    fs::path config = m_dir.write("planet.ini",
                                  "[Planet]\nname = Archive Planet\n"
                                  "cache_directory = cache\noutput_dir = public\n"
                                  "items_per_page = " +
                                      std::to_string(items_per_page) + "\n\n[" +
                                      m_server.url("/stars.atom") + "]\nname = Stars\n");
    return run_process({orrery_binary(), "run", "-c", config.string()});
  }

  std::string out(const std::string& name) const { return slurp(m_dir / "public" / name); }

  TempDir m_dir;
  HttpServer m_server;
};

TEST_F(ArchiveE2e, WhatTheFrontPageLeavesOutIsOnNumberedPages) {
  ProcessResult r = run(10);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string index = out("index.html");
  EXPECT_EQ(occurrences(index, "<article class=\"entry\""), 10u);
  EXPECT_TRUE(contains(index, "Star number 25"));
  EXPECT_FALSE(contains(index, "Star number 15<"));
  EXPECT_TRUE(contains(index, "rel=\"next\" href=\"page/2.html\"")) << index;
  std::string page2 = out("page/2.html");
  EXPECT_EQ(occurrences(page2, "<article class=\"entry\""), 10u);
  EXPECT_TRUE(contains(page2, "Star number 15<"));
  EXPECT_TRUE(contains(page2, "rel=\"prev\" href=\"../index.html\""));
  EXPECT_TRUE(contains(page2, "rel=\"next\" href=\"../page/3.html\""));
  EXPECT_TRUE(contains(page2, "href=\"../planet.css\""));
  std::string page3 = out("page/3.html");
  EXPECT_EQ(occurrences(page3, "<article class=\"entry\""), 5u);
  EXPECT_TRUE(contains(page3, "Star number 1<"));
  EXPECT_FALSE(fs::exists(m_dir / "public/page/4.html"));
  // Every entry is on exactly one numbered page.
  for (int i = 1; i <= 25; ++i) {
    std::string title = "Star number " + std::to_string(i) + "<";
    EXPECT_EQ(occurrences(index, title) + occurrences(page2, title) + occurrences(page3, title), 1u)
        << title;
  }
}

TEST_F(ArchiveE2e, EachFeedHasAPageAndTheArchiveIndexLinksEverything) {
  ProcessResult r = run(10);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string feed = out("feeds/stars.html");
  EXPECT_EQ(occurrences(feed, "<article class=\"entry\""), 25u);
  EXPECT_TRUE(contains(feed, "<title>Stars · Archive Planet</title>"));
  std::string archives = out("archives.html");
  EXPECT_TRUE(contains(archives, "href=\"index.html\">Page 1<"));
  EXPECT_TRUE(contains(archives, "href=\"page/3.html\">Page 3<"));
  EXPECT_TRUE(contains(archives, "href=\"feeds/stars.html\">Stars<"));
  EXPECT_TRUE(contains(out("index.html"), "href=\"feeds/stars.html\""));
}

TEST_F(ArchiveE2e, UnchangedPagesAreNotRewrittenAndStalePagesGo) {
  ASSERT_EQ(run(10).exit_code, 0);
  struct stat before {};
  ASSERT_EQ(stat((m_dir / "public/page/2.html").c_str(), &before), 0);
  ASSERT_EQ(run(10).exit_code, 0);
  struct stat after {};
  ASSERT_EQ(stat((m_dir / "public/page/2.html").c_str(), &after), 0);
  // An atomic write renames a new file over the old one: the same inode means no write.
  EXPECT_EQ(before.st_ino, after.st_ino);
  ASSERT_EQ(run(20).exit_code, 0);
  EXPECT_TRUE(fs::exists(m_dir / "public/page/2.html"));
  EXPECT_FALSE(fs::exists(m_dir / "public/page/3.html")) << "two pages now: page 3 is stale";
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
  EXPECT_TRUE(fs::exists(output / "page/2.html"));
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
  for (const char* name : {"index.html", "page/2.html", "archives.html", "atom.xml", "rss20.xml",
                           "rss10.xml", "feed.json", "opml.xml"}) {
    std::string text = slurp(output / name);
    EXPECT_FALSE(contains(text, "file:")) << name;
    EXPECT_FALSE(contains(text, "noreply@")) << name;
  }
}

}  // namespace
}  // namespace orrery::test
