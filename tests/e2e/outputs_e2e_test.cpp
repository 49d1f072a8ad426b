// End-to-end: the real orrery binary runs a small planet served from 127.0.0.1 and every output
// it writes is checked with tools that are not orrery's: xmllint (well-formed XML), rapper (the
// RDF of rss10.xml and foafroll.xml), feedparser and a JSON Feed 1.1 schema (check_outputs.py).
// A missing tool skips its test with a message naming the Debian package.

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

// The outputs written in code, each checked below.
const std::vector<std::string> k_xml_outputs = {"atom.xml", "rss20.xml", "rss10.xml", "opml.xml",
                                                "foafroll.xml"};

constexpr int k_entries = 7;        // alpha 3 + beta 2 + podcast 2
constexpr int k_subscriptions = 3;  // every one is http: none is left out

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// The first `name` on PATH (or /usr/bin), "" if none.
std::string find_tool(const std::string& name) {
  std::string path = getenv("PATH") != nullptr ? getenv("PATH") : "";
  path += ":/usr/bin";
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    std::string dir =
        path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!dir.empty() && executable(dir + "/" + name)) {
      return dir + "/" + name;
    }
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
  return {};
}

class OutputsE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.serve("/alpha.rss", slurp(data_path("e2e/alpha.rss")), "application/rss+xml");
    m_server.serve("/beta.atom", slurp(data_path("e2e/beta.atom")), "application/atom+xml");
    m_server.serve("/podcast.rss", slurp(data_path("render/outputs/podcast.rss")),
                   "application/rss+xml");
    m_config = m_dir.write("planet.ini",
                           "[Planet]\n"
                           "name = Outputs & <Planet>\n"
                           "link = http://planet.example/\n"
                           "owner_name = Test Owner\n"
                           "owner_email = owner@planet.example\n"
                           "cache_directory = cache\n"
                           "output_dir = public\n"
                           "log_level = INFO\n" +
                               m_theme_line + "\n[" + m_server.url("/alpha.rss") +
                               "]\nname = Alpha Channel\n" + "\n[" + m_server.url("/beta.atom") +
                               "]\n" + "\n[" + m_server.url("/podcast.rss") + "]\nname = Gamma\n");
  }

  ProcessResult run() { return run_process({orrery_binary(), "run", "-c", m_config.string()}); }

  std::filesystem::path output(const std::string& name) const { return m_dir / "public" / name; }

  TempDir m_dir;
  HttpServer m_server;
  std::string m_theme_line;
  std::filesystem::path m_config;
};

TEST_F(OutputsE2e, EveryOutputIsWrittenAndThePageLinksToTheFeeds) {
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const std::string& name : k_xml_outputs) {
    EXPECT_TRUE(std::filesystem::exists(output(name))) << name;
  }
  ASSERT_TRUE(std::filesystem::exists(output("feed.json")));
  std::string page = slurp(output("index.html"));
  for (
      const char* link :
      {R"x(<link rel="alternate" type="application/atom+xml" title="Outputs &amp; &lt;Planet&gt; (Atom)" href="atom.xml">)x",
       R"x(<link rel="alternate" type="application/rss+xml" title="Outputs &amp; &lt;Planet&gt; (RSS 2.0)" href="rss20.xml">)x",
       R"x(<link rel="alternate" type="application/rss+xml" title="Outputs &amp; &lt;Planet&gt; (RSS 1.0)" href="rss10.xml">)x",
       R"x(<link rel="alternate" type="application/feed+json" title="Outputs &amp; &lt;Planet&gt; (JSON Feed)" href="feed.json">)x",
       R"x(<link rel="outline" type="text/x-opml" title="Outputs &amp; &lt;Planet&gt; (subscriptions)" href="opml.xml">)x"}) {
    EXPECT_NE(page.find(link), std::string::npos) << link;
  }
}

TEST_F(OutputsE2e, XmlOutputsAreWellFormedForXmllint) {
  std::string xmllint = find_tool("xmllint");
  if (xmllint.empty()) {
    GTEST_SKIP() << "xmllint not found (Debian package libxml2-utils)";
  }
  ASSERT_EQ(run().exit_code, 0);
  for (const std::string& name : k_xml_outputs) {
    ProcessResult check = run_process({xmllint, "--noout", "--nonet", output(name).string()});
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.err;
    EXPECT_EQ(check.err, "") << name;
  }
  ProcessResult html =
      run_process({xmllint, "--html", "--noout", "--nonet", output("index.html").string()});
  EXPECT_EQ(html.exit_code, 0) << "index.html: " << html.err;
}

TEST_F(OutputsE2e, RdfOutputsParseWithRapper) {
  std::string rapper = find_tool("rapper");
  if (rapper.empty()) {
    GTEST_SKIP() << "rapper not found (Debian package raptor2-utils)";
  }
  ASSERT_EQ(run().exit_code, 0);
  for (const char* name : {"rss10.xml", "foafroll.xml"}) {
    // -c counts the triples; rapper warns and errors on stderr and exits non-zero on errors.
    ProcessResult check = run_process({rapper, "-i", "rdfxml", "-c", output(name).string(),
                                       "http://planet.example/" + std::string(name)});
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.err;
    EXPECT_EQ(check.err.find("Warning"), std::string::npos) << name << ": " << check.err;
    EXPECT_EQ(check.err.find("Error"), std::string::npos) << name << ": " << check.err;
    EXPECT_NE(check.err.find("returned"), std::string::npos) << check.err;
    EXPECT_EQ(check.err.find("returned 0 triples"), std::string::npos) << name;
  }
}

TEST_F(OutputsE2e, FeedparserAndTheJsonFeedSchemaAcceptEveryFeed) {
  std::string python = ORRERY_VALIDATOR_PYTHON;
  if (!executable(python)) {
    GTEST_SKIP() << python << " not found (Debian packages python3, python3-feedparser, "
                 << "python3-jsonschema)";
  }
  ASSERT_EQ(run().exit_code, 0);
  ProcessResult check = run_process({python, std::string(ORRERY_E2E_DIR) + "/check_outputs.py",
                                     (m_dir / "public").string(),
                                     data_path("render/jsonfeed-1.1.schema.json").string(),
                                     std::to_string(k_entries), std::to_string(k_subscriptions)});
  if (check.exit_code == 77) {
    GTEST_SKIP() << check.out;
  }
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(OutputsE2e, UnchangedPlanetWritesIdenticalOutputs) {
  ASSERT_EQ(run().exit_code, 0);
  std::vector<std::string> first;
  const std::vector<std::string> names = {"rss20.xml", "rss10.xml", "opml.xml", "foafroll.xml",
                                          "feed.json"};
  for (const std::string& name : names) {
    first.push_back(slurp(output(name)));
  }
  ProcessResult again = run();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(slurp(output(names[i])), first[i]) << names[i];
  }
}

class ThemedOutputsE2e : public OutputsE2e {
 protected:
  void SetUp() override {
    m_dir.write("mytheme/config.ini",
                "[Planet]\ntemplate_files = index.html.tmpl rss20.xml.tmpl\n");
    m_dir.write("mytheme/index.html.tmpl", "<p><TMPL_VAR name></p>\n");
    m_dir.write("mytheme/rss20.xml.tmpl",
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>theme's "
                "own</title></channel></rss>\n");
    m_theme_line = "output_theme = mytheme\n";
    OutputsE2e::SetUp();
  }
};

TEST_F(ThemedOutputsE2e, ThemeTemplateReplacesTheCodeOutputAndTheLogSaysSo) {
  ProcessResult r = run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(output("rss20.xml")).find("<title>theme's own</title>"), std::string::npos);
  EXPECT_NE(
      r.err.find(
          "render: rss20.xml: written by the theme's template instead of orrery's RSS 2.0 writer"),
      std::string::npos)
      << r.err;
  EXPECT_NE(slurp(output("rss10.xml")).find("<rdf:RDF"), std::string::npos);
}

}  // namespace
}  // namespace orrery::test
