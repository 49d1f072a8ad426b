// End-to-end: a hostile planet. Feeds served from 127.0.0.1 each carry one kind of vector
// (script, event handler, javascript: obfuscated or not, vbscript:, data:, attribute breakout,
// markup escaped twice) in every field they have: title, content, summary, author name, email
// and URI, category term and label, enclosure href and type, comments, generator and its URI,
// xml:base, links, guid, source, image and icon URLs. The planet is published with the default
// theme, then with a theme (tests/data/e2e/hostile_theme) that writes its variables unescaped
// the way Venus's classic_fancy and common rss10/rss20 templates do; check_hostile.py then
// parses every output as a browser or reader would and fails on any live script, handler,
// dangerous URL or markup in a text-only field.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

struct Vector {
  const char* name;
  const char* value;  // the string a parser reads (XML-escaped when embedded)
};

const std::vector<Vector> k_vectors = {
    {"script", "<script>alert(1)</script>"},
    {"handler", "<img src=x onerror=alert(1)>"},
    {"javascript", "javascript:alert(1)"},
    {"obfuscated", " java&#x09;script&colon;alert(1)"},
    {"vbscript", "VBScript:msgbox(1)"},
    {"data", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
    {"breakout", "\"><script>alert(1)</script><a x=\""},
    {"escaped_twice", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"},
    // SVG's HTML integration point (kept, as feedparser keeps it) around mutation-XSS shapes.
    {"foreign_object",
     "<svg><foreignObject><p><style><img src=x onerror=alert(1)></style></p>"
     "<img src=x onerror=alert(2)><math><mi><style><img src=x onerror=alert(3)></style></mi>"
     "</math></foreignObject></svg>"},
};

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Markup a feed embeds as real XHTML, whatever the vector.
const char* k_xhtml =
    "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p><script>alert(1)</script>"
    "<img src=\"x\" onerror=\"alert(1)\"/><a href=\"javascript:alert(1)\">a</a>"
    "<a href=\"java&amp;#x09;script&amp;colon;alert(1)\">b</a>"
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><a xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "xlink:href=\"javascript:alert(1)\"><text>c</text></a></svg></div>";

std::string rss_feed(const Vector& v) {
  const std::string e = xml_escape(v.value);
  const std::string name = v.name;
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
         "xmlns:media=\"http://search.yahoo.com/mrss/\" "
         "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">"
         "<channel xml:base=\"" +
         e + "\"><title>" + e + "</title><link>" + e + "</link><description>" + e +
         "</description><generator>" + e + "</generator><managingEditor>" + e +
         "</managingEditor>"
         "<image><url>" +
         e + "</url><title>" + e + "</title><link>" + e +
         "</link></image>"
         "<itunes:image href=\"" +
         e + "\"/><atom:link rel=\"self\" href=\"" + e +
         "\"/>"
         "<item><title>" +
         e + "</title><link>" + e + "</link><description>" + e + "</description><content:encoded>" +
         e + "</content:encoded><author>" + e + "</author><dc:creator>" + e +
         "</dc:creator><category domain=\"" + e + "\">" + e + "</category><comments>" + e +
         "</comments><enclosure url=\"" + e + "\" length=\"10\" type=\"" + e +
         "\"/><guid isPermaLink=\"true\">" + e + "</guid><source url=\"" + e + "\">" + e +
         "</source>"
         "<media:content url=\"" +
         e + "\" type=\"" + e + "\"/><media:thumbnail url=\"" + e + "\"/><itunes:image href=\"" +
         e +
         "\"/>"
         "<pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>"
         "<item><guid>" +
         e + "</guid><title>second " + name + "</title><description>" + e +
         "</description><pubDate>Mon, 01 Jan 2024 09:00:00 GMT</pubDate></item>"
         "<item><guid>urn:rss:" +
         name + ":3</guid><title>third</title><link>https://ok.test/" + name +
         "</link><description>&lt;p&gt;fine&lt;/p&gt;</description>"
         "<pubDate>Mon, 01 Jan 2024 08:00:00 GMT</pubDate></item></channel></rss>\n";
}

std::string atom_feed(const Vector& v) {
  const std::string e = xml_escape(v.value);
  const std::string name = v.name;
  const std::string person = "<name>" + e + "</name><email>" + e + "</email><uri>" + e + "</uri>";
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"" +
         e +
         "\">"
         "<title type=\"html\">" +
         e + "</title><subtitle type=\"html\">" + e + "</subtitle><rights>" + e +
         "</rights><id>urn:hostile:" + name +
         "</id>"
         "<link rel=\"alternate\" href=\"" +
         e + "\"/><link rel=\"self\" href=\"" + e +
         "\"/>"
         "<generator uri=\"" +
         e + "\" version=\"" + e + "\">" + e + "</generator><icon>" + e + "</icon><logo>" + e +
         "</logo><author>" + person +
         "</author>"
         "<updated>2024-01-01T10:00:00Z</updated>"
         "<entry xml:base=\"" +
         e + "\"><id>" + e + "</id><title>" + e +
         "</title>"
         "<link rel=\"alternate\" href=\"" +
         e + "\" type=\"" + e + "\" title=\"" + e +
         "\"/>"
         "<link rel=\"enclosure\" href=\"" +
         e + "\" type=\"" + e +
         "\" length=\"5\"/>"
         "<link rel=\"related\" href=\"" +
         e + "\"/><author>" + person +
         "</author>"
         "<contributor>" +
         person + "</contributor><category term=\"" + e + "\" label=\"" + e + "\" scheme=\"" + e +
         "\"/><summary type=\"html\">" + e +
         "</summary>"
         "<content type=\"html\">" +
         e + "</content><source><id>" + e + "</id><title>" + e + "</title><link href=\"" + e +
         "\"/><icon>" + e + "</icon><logo>" + e +
         "</logo>"
         "<author>" +
         person +
         "</author></source><updated>2024-01-01T10:00:00Z</updated></entry>"
         "<entry><id>urn:hostile:" +
         name + ":2</id><title type=\"xhtml\">" + k_xhtml + "</title><content type=\"xhtml\">" +
         k_xhtml + "</content><link href=\"" + e +
         "\"/><updated>2024-01-01T09:00:00Z</updated></entry></feed>\n";
}

class HostilePlanetE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const Vector& v : k_vectors) {
      std::string name = v.name;
      m_server.serve("/" + name + ".rss", rss_feed(v), "application/rss+xml");
      m_server.serve("/" + name + ".atom", atom_feed(v), "application/atom+xml");
      m_feeds += "\n[" + m_server.url("/" + name + ".rss") + "]\n";
      m_feeds += "\n[" + m_server.url("/" + name + ".atom") + "]\n";
    }
  }

  // Publishes the planet with `theme_lines` and checks every output file.
  void publish_and_check(const std::string& theme_lines) {
    std::string python = ORRERY_VALIDATOR_PYTHON;
    if (::access(python.c_str(), X_OK) != 0) {
      GTEST_SKIP() << python << " not found (Debian packages python3, python3-html5lib)";
    }
    std::filesystem::path config =
        m_dir.write("planet.ini",
                    "[Planet]\nname = Hostile Planet\nlink = http://planet.example/\n"
                    "cache_directory = cache\noutput_dir = public\nitems_per_page = 100\n"
                    "new_feed_items = 10\n" +
                        theme_lines + m_feeds);
    ProcessResult run = run_process({orrery_binary(), "run", "-c", config.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ProcessResult check = run_process(
        {python, std::string(ORRERY_E2E_DIR) + "/check_hostile.py", (m_dir / "public").string()});
    if (check.exit_code == 77) {
      GTEST_SKIP() << check.out;
    }
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }

  TempDir m_dir;
  HttpServer m_server;
  std::string m_feeds;
};

TEST_F(HostilePlanetE2e, DefaultThemeAndEveryFeedOutputPublishNothingLive) {
  publish_and_check("");
}

TEST_F(HostilePlanetE2e, AThemeWritingVariablesUnescapedAsVenusDoesPublishesNothingLive) {
  publish_and_check(
      "template_files = index.html.tmpl rss20.xml.tmpl rss10.xml.tmpl\n"
      "template_directories = " +
      data_path("e2e/hostile_theme").string() + "\n");
}

}  // namespace
}  // namespace orrery::test
