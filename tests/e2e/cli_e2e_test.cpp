// End-to-end: the command line as a Planet Venus operator uses it. `run -o`, `run -n`,
// `fetch`, `render`, `--no-publish` and several config files, against feeds served on
// 127.0.0.1; what the local server saw tells which feeds were fetched.

#include <gtest/gtest.h>

#include <filesystem>
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
  std::filesystem::path extra =
      m_dir.write("override.ini", "[Planet]\nname = Overridden Planet\n");
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
  EXPECT_NE(r.err.find("bad.ini:2: items_per_page: \"sixty\" is not a number"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(fetches(), 0u);
  EXPECT_FALSE(std::filesystem::exists(m_dir / "cache"));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "public"));
}

TEST_F(CommandLineE2e, AHubIsWarnedAboutNeverPingedAndNoPublishIsAccepted) {
  std::filesystem::path hub =
      m_dir.write("hub.ini", "[Planet]\npubsubhubbub_hub = " + m_server.url("/hub") + "\n");
  ProcessResult r = orrery({"run", "--no-publish", "-c", m_config.string(), "-c", hub.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("pubsubhubbub_hub: not honoured"), std::string::npos) << r.err;
  ProcessResult again = orrery({"run", "-c", m_config.string(), "-c", hub.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(m_server.request_count("/hub"), 0u);
}

TEST_F(CommandLineE2e, OfflineAndOnlyIfNewTogetherAreAUsageError) {
  EXPECT_EQ(orrery({"run", "-o", "-n", "-c", m_config.string()}).exit_code, 2);
}

}  // namespace
}  // namespace orrery::test
