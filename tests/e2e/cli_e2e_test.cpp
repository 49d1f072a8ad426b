// End-to-end: the command line as a Planet Venus operator uses it. `run -o`, `run -n`,
// `fetch`, `render`, `--no-publish` and several config files, against feeds served on
// 127.0.0.1; what the local server saw tells which feeds were fetched.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

class CommandLineE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.serve("/alpha.rss", slurp(data_path("e2e/alpha.rss")), "application/rss+xml");
    m_server.serve("/beta.atom", slurp(data_path("e2e/beta.atom")), "application/atom+xml");
    m_alpha_section = "[" + m_server.url("/alpha.rss") + "]\nname = Alpha Channel\n";
    m_beta_section = "[" + m_server.url("/beta.atom") + "]\nname = Beta Channel\n";
    write_planet(m_alpha_section + m_beta_section);
  }

  // planet.ini with `sections` after a [Planet] section.
  void write_planet(const std::string& sections) {
    m_config = m_dir.write("planet.ini",
                           "[Planet]\n"
                           "name = Test Planet\n"
                           "cache_directory = cache\n"
                           "output_dir = public\n\n" +
                               sections);
  }

  ProcessResult orrery(std::vector<std::string> args) {
    args.insert(args.begin(), orrery_binary());
    return run_process(args);
  }

  std::size_t fetches() const {
    return m_server.request_count("/alpha.rss") + m_server.request_count("/beta.atom");
  }
  std::filesystem::path page_path() const { return m_dir / "public/index.html"; }
  std::string page() const { return slurp(page_path()); }

  TempDir m_dir;
  HttpServer m_server;
  std::string m_alpha_section, m_beta_section;
  std::filesystem::path m_config;
};

TEST_F(CommandLineE2e, OfflineRendersFromTheStoreWithoutFetching) {
  ASSERT_EQ(orrery({"run", "-c", m_config.string()}).exit_code, 0);
  ASSERT_EQ(fetches(), 2u);
  std::filesystem::remove_all(m_dir / "public");
  ProcessResult r = orrery({"run", "-o", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fetches(), 2u);  // the server saw no new request
  EXPECT_NE(page().find("Alpha Channel"), std::string::npos);
  EXPECT_NE(page().find("Beta Channel"), std::string::npos);
}

TEST_F(CommandLineE2e, OfflineLongFlagOnAnEmptyStoreWritesAPageAndFetchesNothing) {
  ProcessResult r = orrery({"run", "--offline", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fetches(), 0u);
  EXPECT_TRUE(std::filesystem::exists(page_path()));
}

TEST_F(CommandLineE2e, OnlyIfNewFetchesOnlyTheFeedNeverFetched) {
  write_planet(m_alpha_section);
  ASSERT_EQ(orrery({"run", "-c", m_config.string()}).exit_code, 0);
  ASSERT_EQ(m_server.request_count("/alpha.rss"), 1u);
  write_planet(m_alpha_section + m_beta_section);
  ProcessResult r = orrery({"run", "-n", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 1u);
  EXPECT_EQ(m_server.request_count("/beta.atom"), 1u);
  EXPECT_NE(page().find("Beta Channel"), std::string::npos);
}

TEST_F(CommandLineE2e, OfflineReadsReadingListsFromTheirCachedCopies) {
  m_server.serve("/list.opml",
                 "<opml version=\"1.1\"><body><outline text=\"Listed Alpha\" xmlUrl=\"" +
                     m_server.url("/alpha.rss") + "\"/></body></opml>",
                 "text/x-opml");
  m_config = m_dir.write("planet.ini",
                         "[Planet]\nname = Test Planet\ncache_directory = cache\n"
                         "output_dir = public\nallow_private_networks = yes\n\n[" +
                             m_server.url("/list.opml") + "]\ncontent_type = opml\n");
  ASSERT_EQ(orrery({"run", "-c", m_config.string()}).exit_code, 0);
  ASSERT_EQ(m_server.request_count("/list.opml"), 1u);
  ASSERT_EQ(m_server.request_count("/alpha.rss"), 1u);
  std::filesystem::remove_all(m_dir / "public");
  ProcessResult r = orrery({"run", "-o", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(m_server.request_count("/list.opml"), 1u);
  EXPECT_EQ(m_server.request_count("/alpha.rss"), 1u);
  EXPECT_NE(page().find("Listed Alpha"), std::string::npos);
}

TEST_F(CommandLineE2e, FetchStoresWithoutWritingAPage) {
  ProcessResult r = orrery({"fetch", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fetches(), 2u);
  EXPECT_FALSE(std::filesystem::exists(page_path()));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "public"));
  // What was stored is what `render` shows.
  ASSERT_EQ(orrery({"render", "-c", m_config.string()}).exit_code, 0);
  EXPECT_NE(page().find("Committee meeting, 25 July"), std::string::npos);
}

TEST_F(CommandLineE2e, RenderFetchesNothing) {
  ASSERT_EQ(orrery({"fetch", "-c", m_config.string()}).exit_code, 0);
  ASSERT_EQ(fetches(), 2u);
  ProcessResult r = orrery({"render", m_config.string()});  // the config as an argument
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fetches(), 2u);
  EXPECT_NE(page().find("Alpha Channel"), std::string::npos);
}

TEST_F(CommandLineE2e, SeveralConfigFilesLaterWinsPerKey) {
  std::filesystem::path extra = m_dir.write("override.ini", "[Planet]\nname = Overridden Planet\n");
  ProcessResult r = orrery({"run", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(page().find("Overridden Planet"), std::string::npos);
  EXPECT_EQ(page().find("Test Planet"), std::string::npos);
}

TEST_F(CommandLineE2e, AFeedInASecondConfigFileIsSubscribed) {
  write_planet(m_alpha_section);
  std::filesystem::path more = m_dir.write("more.ini", m_beta_section);
  ProcessResult r = orrery({"run", m_config.string(), more.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(m_server.request_count("/beta.atom"), 1u);
}

TEST_F(CommandLineE2e, UnknownKeyIsAWarningNamingTheFileAndLine) {
  std::filesystem::path extra = m_dir.write("theme-vars.ini", "[Planet]\n\ncolour = blue\n");
  ProcessResult r = orrery({"run", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("theme-vars.ini:3: [Planet] colour: not a key orrery knows"),
            std::string::npos)
      << r.err;
}

TEST_F(CommandLineE2e, AMalformedValueStopsTheRunBeforeAnythingIsTouched) {
  std::filesystem::path bad = m_dir.write("bad.ini", "[Planet]\nitems_per_page = sixty\n");
  ProcessResult r = orrery({"run", "-c", m_config.string(), "-c", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.ini:2: items_per_page: \"sixty\" is not a number"), std::string::npos)
      << r.err;
  EXPECT_EQ(fetches(), 0u);
  EXPECT_FALSE(std::filesystem::exists(m_dir / "cache"));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "public"));
}

// The planet's hub: records each ping's form body, answers 204 No Content (or `m_hub_status`).
class HubE2e : public CommandLineE2e {
 protected:
  void SetUp() override {
    CommandLineE2e::SetUp();
    m_server.server().Post("/hub", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_pings.push_back(req.body);
      res.status = m_hub_status;
    });
    m_hub = m_dir.write("hub.ini",
                        "[Planet]\nlink = https://planet.example/news/\n"
                        "pubsubhubbub_hub = " +
                            m_server.url("/hub") + "\n");
  }

  std::vector<std::string> pings() {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pings;
  }

  std::filesystem::path m_hub;
  std::mutex m_mutex;
  std::vector<std::string> m_pings;
  int m_hub_status = 204;
};

TEST_F(HubE2e, ARunPingsTheHubWithThePublicUrlOfEachFeedWritten) {
  ProcessResult r = orrery({"-v", "run", "-c", m_config.string(), "-c", m_hub.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(pings().size(), 1u);
  // pubsubhubbub_feeds defaults to Venus's "atom.xml rss10.xml rss20.xml", all written in code.
  EXPECT_EQ(pings()[0],
            "hub.mode=publish&hub.url=https%3A%2F%2Fplanet.example%2Fnews%2Fatom.xml"
            "&hub.url=https%3A%2F%2Fplanet.example%2Fnews%2Frss20.xml"
            "&hub.url=https%3A%2F%2Fplanet.example%2Fnews%2Frss10.xml");
  EXPECT_NE(r.err.find("published https://planet.example/news/atom.xml to " + m_server.url("/hub")),
            std::string::npos)
      << r.err;
}

TEST_F(HubE2e, NoPublishSendsNoPing) {
  ProcessResult r = orrery({"run", "--no-publish", "-c", m_config.string(), "-c", m_hub.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(pings().empty());
  ASSERT_EQ(
      orrery({"render", "--no-publish", "-c", m_config.string(), "-c", m_hub.string()}).exit_code,
      0);
  EXPECT_TRUE(pings().empty());
}

TEST_F(HubE2e, FetchWritesNothingSoPingsNothing) {
  ASSERT_EQ(orrery({"fetch", "-c", m_config.string(), "-c", m_hub.string()}).exit_code, 0);
  EXPECT_TRUE(pings().empty());
}

TEST_F(HubE2e, AFailedPingIsOneErrorLineAndTheRunSucceeds) {
  m_hub_status = 500;
  ProcessResult r = orrery({"run", "-c", m_config.string(), "-c", m_hub.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(pings().size(), 1u);
  EXPECT_NE(r.err.find("error: pubsubhubbub_hub " + m_server.url("/hub") + ": ping: HTTP 500"),
            std::string::npos)
      << r.err;
}

TEST_F(CommandLineE2e, AMissingBillOfMaterialsFileIsAWarningAndTheRunGoesOn) {
  std::filesystem::path extra = m_dir.write("bom.ini", "[Planet]\nbill_of_materials = gone.png\n");
  ProcessResult r = orrery({"run", "-o", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("bom.ini:2: bill_of_materials: \"gone.png\" not found in "),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(std::filesystem::exists(page_path()));
}

TEST_F(CommandLineE2e, ABillOfMaterialsFileIsCopiedOnlyWhenMissingOrOlder) {
  m_dir.write("style.css", "body { color: black }\n");
  std::filesystem::path extra = m_dir.write("bom.ini", "[Planet]\nbill_of_materials = style.css\n");
  std::vector<std::string> args{"render", "-c", m_config.string(), "-c", extra.string()};
  ASSERT_EQ(orrery(args).exit_code, 0);
  std::filesystem::path copy = m_dir / "public/style.css";
  ASSERT_EQ(slurp(copy), "body { color: black }\n");
  EXPECT_EQ(std::filesystem::last_write_time(copy),
            std::filesystem::last_write_time(m_dir / "style.css"));
  // A newer file in output_dir (edited by hand) is left alone, as Venus leaves it.
  m_dir.write("public/style.css", "edited\n");
  std::filesystem::last_write_time(
      copy, std::filesystem::last_write_time(m_dir / "style.css") + std::chrono::hours(1));
  ASSERT_EQ(orrery(args).exit_code, 0);
  EXPECT_EQ(slurp(copy), "edited\n");
  // An older one is replaced.
  std::filesystem::last_write_time(
      copy, std::filesystem::last_write_time(m_dir / "style.css") - std::chrono::hours(1));
  ASSERT_EQ(orrery(args).exit_code, 0);
  EXPECT_EQ(slurp(copy), "body { color: black }\n");
}

TEST_F(CommandLineE2e, LogFormatIsPythonLoggingsAsVenusWritesIt) {
  std::filesystem::path extra = m_dir.write(
      "log.ini", "[Planet]\nlog_format = %(levelname)-8s|%(name)s|%(message)s%%\nmood = calm\n");
  ProcessResult r = orrery({"run", "-o", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("WARNING |orrery|" + extra.string() + ":3: [Planet] mood: not a key"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("kept for templates as mood%\n"), std::string::npos) << r.err;
}

TEST_F(CommandLineE2e, ALogFormatFieldOrreryCannotWriteIsWarnedAndItsOwnFormatUsed) {
  std::filesystem::path extra =
      m_dir.write("log.ini", "[Planet]\nlog_format = %(funcName)s: %(message)s\n");
  ProcessResult r = orrery({"run", "-o", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("warning: log_format: %(funcName)s is not a field orrery can write"),
            std::string::npos)
      << r.err;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST_F(CommandLineE2e, ATemplatesItemsPerPageMayWidenThePageAsInVenus) {
  std::filesystem::path extra = m_dir.write(
      "pages.ini", "[Planet]\nitems_per_page = 1\n[index.html.tmpl]\nitems_per_page = 3\n");
  ProcessResult r = orrery({"run", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(page(), "<article class=\"entry\""), 3u);
}

// Venus's planet -d: the spliced document in ./debug.atom, and the pages as usual.
TEST_F(CommandLineE2e, DebugSpliceWritesTheSplicedDocumentToDebugAtomAndRenders) {
  ProcessResult r = run_process({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" run -d -c \"$3\"", "sh",
                                 m_dir.path().string(), orrery_binary(), m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(page_path()));
  const std::string debug = slurp(m_dir / "debug.atom");
  // One planet:source per subscription, with what schema 8 keeps per feed.
  EXPECT_NE(debug.find("<planet:format>rss20</planet:format>"), std::string::npos) << debug;
  EXPECT_NE(debug.find("<planet:format>atom10</planet:format>"), std::string::npos);
  EXPECT_NE(debug.find("<planet:bozo>false</planet:bozo>"), std::string::npos);
  EXPECT_NE(
      debug.find("<planet:http_location>" + m_server.url("/alpha.rss") + "</planet:http_location>"),
      std::string::npos);
  EXPECT_NE(debug.find("<planet:name>Alpha Channel</planet:name>"), std::string::npos);
  // render -d too, from the store.
  std::filesystem::remove(m_dir / "debug.atom");
  r = run_process({"/bin/sh", "-c", "cd \"$1\" && exec \"$2\" render --debug-splice -c \"$3\"",
                   "sh", m_dir.path().string(), orrery_binary(), m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(m_dir / "debug.atom").find("<planet:format>rss20</planet:format>"),
            std::string::npos);
}

// A template section's filter / exclude sift the page it wrote (Venus's regexp_sifter.py over
// the template's output): no match, no page.
TEST_F(CommandLineE2e, ATemplatesFilterAndExcludeDecideWhetherItsPageIsPublished) {
  ASSERT_EQ(orrery({"run", "-c", m_config.string()}).exit_code, 0);
  ASSERT_TRUE(std::filesystem::exists(page_path()));
  std::filesystem::path extra = m_dir.write("sift.ini", "[index.html.tmpl]\nfilter = Zanzibar\n");
  ProcessResult r = orrery({"render", "-c", m_config.string(), "-c", extra.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(std::filesystem::exists(page_path()));  // the old copy is removed, as Venus does
  EXPECT_TRUE(std::filesystem::exists(m_dir / "public/atom.xml"));
  EXPECT_EQ(r.err.find("filter"), std::string::npos) << r.err;  // a known key there: no warning
  m_dir.write("sift.ini", "[index.html.tmpl]\nfilter = Alpha Channel\n");
  ASSERT_EQ(orrery({"render", "-c", m_config.string(), "-c", extra.string()}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(page_path()));
  m_dir.write("sift.ini", "[index.html.tmpl]\nexclude = Beta Channel\n");
  ASSERT_EQ(orrery({"render", "-c", m_config.string(), "-c", extra.string()}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(page_path()));
}

// Venus subscribes to a section that is not a URL: feedparser opened it as a local file.
TEST_F(CommandLineE2e, ASectionThatIsNotAUrlIsALocalFileSubscription) {
  std::filesystem::create_directories(m_dir / "feeds");
  m_dir.write("feeds/local.rss", slurp(data_path("e2e/alpha.rss")));
  write_planet("[feeds/local.rss]\nname = Local Channel\n[feed1]\nname = Nowhere\n");
  ProcessResult r = orrery({"run", "-c", m_config.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(page().find("Local Channel"), std::string::npos);
  EXPECT_NE(r.err.find("[feed1] is not a URL: subscribed as the local file"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("[feeds/local.rss] is not a URL"), std::string::npos) << r.err;
}

TEST_F(CommandLineE2e, OfflineAndOnlyIfNewTogetherAreAUsageError) {
  EXPECT_EQ(orrery({"run", "-o", "-n", "-c", m_config.string()}).exit_code, 2);
}

}  // namespace
}  // namespace orrery::test
