// End-to-end golden test: a Venus-style planet written for the tests
// (tests/data/e2e/venus_planet/: a config.ini with Venus's keys, its own htmltmpl and XSLT theme
// with includes and imports, a native filter (excerpt.py), an exec'd sed script, a filter/exclude
// sifter and an OPML reading list) runs against feeds served on 127.0.0.1, and EVERY file it writes
// is compared byte for byte with tests/data/e2e/venus_planet/golden/ (no file missing, no file
// extra). Each output is also checked by a validator that is not orrery's (xmllint, rapper,
// feedparser, the JSON Feed schema, html5lib).
//
// orrery has no fixed clock, so before comparing, the run's own time is templated out: every
// instant between the second the run started and the second it ended, in each form the outputs
// write it (ISO 8601, RFC 822, the config's date_format, the health page's forms), becomes
// @NOW…@, and health.json's "next_poll" (now plus a jittered interval) becomes @NEXT_POLL@. The
// feeds' own dates are fixed (2024), so everything else is stable. The test server's ephemeral
// port becomes @PORT@, orrery's version (`orrery --version`) @VERSION@, and the urn:orrery:entry:
// hash rss10.xml makes from a feed's URL (so from the port) for an id that is not a URI @HASH@.
//
// Regenerate the golden files with ORRERY_UPDATE_GOLDEN=1 (tests/data/e2e/venus_planet/regen.sh),
// then review the diff before committing (docs/testing.md).

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

namespace fs = std::filesystem;

const fs::path k_planet = data_path("e2e/venus_planet");

constexpr int k_entries = 8;        // alpha 3, beta 2 of 3 (exclude), gamma 2, delta 1
constexpr int k_subscriptions = 5;  // alpha, beta, missing (404), and the list's gamma and delta

// The validator of each file the planet writes; a file without one fails
// EveryOutputHasAValidator.
const std::map<std::string, std::string> k_validators = {
    {"atom.xml", "xmllint, feedparser (check_outputs.py)"},
    {"rss20.xml", "xmllint, feedparser (check_outputs.py)"},
    {"rss10.xml", "xmllint, rapper, feedparser (check_outputs.py)"},
    {"opml.xml", "xmllint, check_outputs.py"},
    {"foafroll.xml", "xmllint, rapper, check_outputs.py"},
    {"feed.json", "the JSON Feed 1.1 schema (check_outputs.py)"},
    {"index.html", "html5lib (check_html.py), xmllint --html"},
    {"summary.html", "html5lib (check_html.py), xmllint --html"},
    {"feeds.html", "html5lib (check_health.py)"},
    {"health.json", "check_health.py"},
    {"images/ada.svg", "xmllint"},
    {"images/bea.svg", "xmllint"},
    {"stargazer.css", "byte-equal to the theme's file"},
};

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

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

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) {
    return;
  }
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// The formats are this file's literals.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::string utc(std::time_t t, const char* format) {
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[128];
  std::size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}
#pragma GCC diagnostic pop

// "%d" without its leading zero (the health page writes "6 December 2026").
std::string unpadded_day(std::time_t t, const char* rest) {
  std::string day = utc(t, "%d");
  if (day.front() == '0') {
    day.erase(0, 1);
  }
  return day + utc(t, rest);
}

std::time_t wall_now() {
  return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
}

// The run's time and the server's port, templated out (see the comment at the top).
std::string normalise(std::string text, int port, std::time_t started, std::time_t ended,
                      const std::string& version) {
  replace_all(text, "127.0.0.1:" + std::to_string(port), "127.0.0.1:@PORT@");
  replace_all(text, version, "orrery @VERSION@");
  for (std::time_t t = started; t <= ended; ++t) {
    replace_all(text, utc(t, "%Y-%m-%dT%H:%M:%SZ"), "@NOW_ISO@");
    replace_all(text, utc(t, "%Y-%m-%dT%H:%M:%S+00:00"), "@NOW_ISO@");
    replace_all(text, utc(t, "%a, %d %b %Y %H:%M:%S +0000"), "@NOW_822@");
  }
  for (std::time_t t = started - started % 60; t <= ended; t += 60) {
    replace_all(text, utc(t, "%d %B %Y, %H:%M"), "@NOW_DATE_FORMAT@");  // config.ini's
    replace_all(text, unpadded_day(t, " %B %Y %H:%M UTC"), "@NOW_MINUTE@");
  }
  for (std::time_t t = started - started % 86400; t <= ended; t += 86400) {
    replace_all(text, unpadded_day(t, " %B %Y"), "@NOW_DAY@");
  }
  static const std::regex next_poll(R"re("next_poll": "[^"]*")re");
  text = std::regex_replace(text, next_poll, R"("next_poll": "@NEXT_POLL@")");
  // rss10.xml's rdf:about for an entry whose id is not a URI: a hash of the feed's URL (and so
  // of the port) and the entry's key.
  static const std::regex entry_urn("urn:orrery:entry:[0-9a-f]+");
  return std::regex_replace(text, entry_urn, "urn:orrery:entry:@HASH@");
}

// Every regular file under `dir`, as sorted paths relative to it.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> names;
  if (!fs::is_directory(dir)) {
    return names;
  }
  for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      names.push_back(fs::relative(e.path(), dir).generic_string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

std::string substitute_base(std::string text, const std::string& base) {
  replace_all(text, "@BASE@", base);
  return text;
}

class VenusPlanetE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* feed : {"alpha.atom", "beta.rss", "gamma.rdf", "delta.atom"}) {
      const std::string name = feed;
      const char* type = name.ends_with(".atom")  ? "application/atom+xml"
                         : name.ends_with(".rss") ? "application/rss+xml"
                                                  : "application/rdf+xml";
      m_server.serve("/feeds/" + name, slurp(k_planet / "feeds" / name), type);
    }
    // /feeds/missing.atom is not served: a 404 the pages report.
    const std::string base = m_server.url("");
    m_server.serve("/feeds/reading-list.opml",
                   substitute_base(slurp(k_planet / "feeds" / "reading-list.opml"), base),
                   "text/x-opml");
    // The operator's layout: config.ini beside the theme and filter directories.
    fs::copy(k_planet / "theme", m_dir / "theme", fs::copy_options::recursive);
    fs::copy(k_planet / "filters", m_dir / "filters", fs::copy_options::recursive);
    m_dir.write("config.ini", substitute_base(slurp(k_planet / "config.ini"), base));

    // "orrery 0.1.0", as the generator elements and the page name it.
    ProcessResult version = run_process({orrery_binary(), "--version"});
    ASSERT_EQ(version.exit_code, 0) << version.err;
    m_version = version.out.substr(0, version.out.find('\n'));
    ASSERT_EQ(m_version.rfind("orrery ", 0), 0u) << m_version;

    m_started = wall_now();
    m_run = run_process({orrery_binary(), "run", "-c", (m_dir / "config.ini").string()});
    m_ended = wall_now();
    ASSERT_EQ(m_run.exit_code, 0) << m_run.err;
  }

  fs::path output() const { return m_dir / "output"; }
  std::string output_file(const std::string& name) const { return (output() / name).string(); }

  // Runs a checker script of tests/e2e with the validators' python; skips when it says 77.
  void check_with(const std::string& script, std::vector<std::string> args) {
    std::string python = ORRERY_VALIDATOR_PYTHON;
    if (!executable(python)) {
      GTEST_SKIP() << python << " not found (Debian packages python3, python3-feedparser, "
                   << "python3-jsonschema, python3-html5lib)";
    }
    args.insert(args.begin(), {python, std::string(ORRERY_E2E_DIR) + "/" + script});
    ProcessResult check = run_process(args);
    if (check.exit_code == 77) {
      GTEST_SKIP() << check.out;
    }
    EXPECT_EQ(check.exit_code, 0) << script << ":\n" << check.out << check.err;
  }

  TempDir m_dir;
  HttpServer m_server;
  ProcessResult m_run;
  std::time_t m_started = 0;
  std::time_t m_ended = 0;
  std::string m_version;
};

TEST_F(VenusPlanetE2e, EveryOutputMatchesItsGoldenFile) {
  const fs::path golden = k_planet / "golden";
  const std::vector<std::string> written = files_under(output());
  ASSERT_FALSE(written.empty());
  const char* update = std::getenv("ORRERY_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    fs::remove_all(golden);
    for (const std::string& name : written) {
      write_file(golden / name,
                 normalise(slurp(output() / name), m_server.port(), m_started, m_ended, m_version));
    }
    GTEST_SKIP() << "rewrote " << written.size() << " golden files in " << golden
                 << ": review the diff";
  }
  EXPECT_EQ(written, files_under(golden)) << "the files written differ from the golden ones";
  for (const std::string& name : written) {
    if (!fs::exists(golden / name)) {
      continue;  // reported above
    }
    EXPECT_EQ(normalise(slurp(output() / name), m_server.port(), m_started, m_ended, m_version),
              slurp(golden / name))
        << name << " differs from " << (golden / name).string()
        << " (ORRERY_UPDATE_GOLDEN=1 rewrites it; review the diff)";
  }
}

TEST_F(VenusPlanetE2e, TheRunNamesNothingItSkipped) {
  // The operator's own keys are named once each; the 404 is reported; nothing else warns.
  EXPECT_NE(m_run.err.find("config.ini:25: [Planet] tagline: not a key orrery knows"),
            std::string::npos)
      << m_run.err;
  EXPECT_NE(m_run.err.find("feed " + m_server.url("/feeds/missing.atom") + ": fetch: HTTP 404"),
            std::string::npos)
      << m_run.err;
  EXPECT_EQ(m_run.err.find("error"), std::string::npos) << m_run.err;
  EXPECT_EQ(m_run.err.find("not found in"), std::string::npos) << "a filter is missing";
}

TEST_F(VenusPlanetE2e, EveryOutputHasAValidator) {
  for (const std::string& name : files_under(output())) {
    EXPECT_TRUE(k_validators.contains(name)) << name << " is written but nothing validates it";
  }
  for (const auto& [name, how] : k_validators) {
    EXPECT_TRUE(fs::exists(output() / name)) << name << " (" << how << ") was not written";
  }
}

TEST_F(VenusPlanetE2e, XmlOutputsAreWellFormedForXmllint) {
  std::string xmllint = find_tool("xmllint");
  if (xmllint.empty()) {
    GTEST_SKIP() << "xmllint not found (Debian package libxml2-utils)";
  }
  for (const char* name : {"atom.xml", "rss20.xml", "rss10.xml", "opml.xml", "foafroll.xml",
                           "images/ada.svg", "images/bea.svg"}) {
    ProcessResult check = run_process({xmllint, "--noout", "--nonet", output_file(name)});
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.err;
    EXPECT_EQ(check.err, "") << name;
  }
  for (const char* name : {"index.html", "summary.html"}) {
    ProcessResult check = run_process({xmllint, "--html", "--noout", "--nonet", output_file(name)});
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.err;
  }
}

TEST_F(VenusPlanetE2e, RdfOutputsParseWithRapper) {
  std::string rapper = find_tool("rapper");
  if (rapper.empty()) {
    GTEST_SKIP() << "rapper not found (Debian package raptor2-utils)";
  }
  for (const std::string name : {"rss10.xml", "foafroll.xml"}) {
    ProcessResult check = run_process(
        {rapper, "-i", "rdfxml", "-c", output_file(name), "http://planet.example/" + name});
    EXPECT_EQ(check.exit_code, 0) << name << ": " << check.err;
    EXPECT_EQ(check.err.find("Warning"), std::string::npos) << name << ": " << check.err;
    EXPECT_EQ(check.err.find("Error"), std::string::npos) << name << ": " << check.err;
    EXPECT_EQ(check.err.find("returned 0 triples"), std::string::npos) << name;
  }
}

TEST_F(VenusPlanetE2e, FeedparserAndTheJsonFeedSchemaAcceptEveryFeed) {
  check_with("check_outputs.py",
             {output().string(), data_path("render/jsonfeed-1.1.schema.json").string(),
              std::to_string(k_entries), std::to_string(k_subscriptions)});
}

TEST_F(VenusPlanetE2e, ThemePagesParseWithHtml5libWithoutAnError) {
  check_with("check_html.py", {output_file("index.html"), output_file("summary.html")});
}

TEST_F(VenusPlanetE2e, HealthPageAndJsonPassTheirChecker) {
  check_with("check_health.py",
             {output().string(), "the server answers 404 Not Found", m_dir.path().string()});
}

TEST_F(VenusPlanetE2e, BillOfMaterialsIsCopiedUnchanged) {
  for (const char* name : {"stargazer.css", "images/ada.svg", "images/bea.svg"}) {
    EXPECT_EQ(slurp(output() / name), slurp(k_planet / "theme" / name)) << name;
  }
}

}  // namespace
}  // namespace orrery::test
