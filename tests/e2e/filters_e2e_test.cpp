// End-to-end: a planet with Venus-style filters — a native one (minhead.py), an executable shell
// script, a .sed script, and the filter/exclude regular expressions — runs against feeds served
// on 127.0.0.1; the test asserts on the rendered page and the log.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

class FiltersE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.serve("/stars.atom", slurp(data_path("filters/e2e-stars.atom")),
                   "application/atom+xml");
    m_server.serve("/comets.atom", slurp(data_path("filters/e2e-comets.atom")),
                   "application/atom+xml");
    executable("filters/redact.sh", "#!/bin/sh\nexec sed 's/SECRET-WORD/redacted/g'\n");
    executable("filters/broken.sh", "#!/bin/sh\necho 'broken on purpose' >&2\nexit 3\n");
    m_dir.write("filters/shout.sed", "s/quiet words/LOUD WORDS/g\n");
  }

  void executable(std::string_view name, std::string_view body) {
    auto path = m_dir.write(name, body);
    ::chmod(path.c_str(), 0755);
  }

  ProcessResult run(const std::string& extra_planet, const std::string& stars,
                    const std::string& comets) {
    auto config = m_dir.write("planet.ini",
                              "[Planet]\n"
                              "name = Filtered Planet\n"
                              "cache_directory = cache\n"
                              "output_dir = public\n"
                              "filter_directories = filters\n" +
                                  extra_planet + "\n[" + m_server.url("/stars.atom") + "]\n" +
                                  "name = Stars\n" + stars + "\n[" + m_server.url("/comets.atom") +
                                  "]\nname = Comets\n" + comets);
    return run_process({orrery_binary(), "run", "-c", config.string()});
  }

  std::string page() const { return slurp(m_dir / "public/index.html"); }

  TempDir m_dir;
  HttpServer m_server;
};

TEST_F(FiltersE2e, NativeExecSedAndRegexFiltersShapeThePage) {
  ProcessResult r = run("filters = minhead.py?min=3 redact.sh shout.sed\nfilter = [Aa]stronomy\n",
                        "exclude = spam\n", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = page();
  // Kept: matches the planet-wide filter, not the feed's exclude.
  EXPECT_NE(html.find("Astronomy night"), std::string::npos) << html;
  EXPECT_NE(html.find("Astronomy: a comet returns"), std::string::npos);
  // Dropped by `filter` (no "astronomy") and by the feed's `exclude` (spam).
  EXPECT_EQ(html.find("Gardening tips"), std::string::npos);
  EXPECT_EQ(html.find("Astronomy spam offer"), std::string::npos);
  // minhead.py moved the h1 to h3 (the default theme's post_heading_level = 5 shows a post's
  // h1 as h5, its h3 as h6); redact.sh and shout.sed rewrote the text.
  EXPECT_NE(html.find("<h6>Heading one</h6>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<h5>Heading one"), std::string::npos);
  EXPECT_NE(html.find("the redacted."), std::string::npos);
  EXPECT_EQ(html.find("SECRET-WORD"), std::string::npos);
  EXPECT_NE(html.find("LOUD WORDS"), std::string::npos);
  EXPECT_EQ(html.find("quiet words"), std::string::npos);
}

TEST_F(FiltersE2e, AFailingFilterIsLoggedAndTheEntryPassesUnfiltered) {
  ProcessResult r = run("", "", "filters = broken.sh shout.sed\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string url = m_server.url("/comets.atom");
  EXPECT_NE(r.err.find("feed " + url +
                       ": entry http://comets.example/1: filter broken.sh: exit "
                       "status 3"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("broken on purpose"), std::string::npos) << r.err;
  std::string html = page();
  EXPECT_NE(html.find("Astronomy: a comet returns"), std::string::npos);
  EXPECT_NE(html.find("LOUD WORDS"), std::string::npos) << "later filters still run";
  EXPECT_NE(html.find("Gardening tips"), std::string::npos) << "the other feed has no filters";
}

TEST_F(FiltersE2e, FilterFailureDropDropsTheEntry) {
  ProcessResult r = run("", "", "filters = broken.sh\nfilter_failure = drop\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(page().find("Astronomy: a comet returns"), std::string::npos);
}

TEST_F(FiltersE2e, AMissingFilterIsNamedOnceAndEntriesPass) {
  ProcessResult r = run("filters = nosuch.py\n", "", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("filter nosuch.py: not found in"), std::string::npos) << r.err;
  EXPECT_NE(page().find("Gardening tips"), std::string::npos);
}

TEST_F(FiltersE2e, TemplateOutputFiltersRewriteAndTeeTheWrittenPage) {
  executable("filters/banner.sh", "#!/bin/sh\nsed 's|</body>|<p>filtered page</p></body>|'\n");
  executable("filters/count.sh", "#!/bin/sh\ngrep -c 'Astronomy' || true\n");
  ProcessResult r =
      run("output_theme = default\n\n[index.html.tmpl]\n"
          "filters = banner.sh count.sh>astronomy.count\n",
          "", "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(page().find("<p>filtered page</p></body>"), std::string::npos) << r.err;
  std::string count = slurp(m_dir / "public/astronomy.count");
  EXPECT_NE(count, "0\n");
  EXPECT_FALSE(count.empty());
}

}  // namespace
}  // namespace orrery::test
