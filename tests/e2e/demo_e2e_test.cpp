// End-to-end: the demo planet (config/planet.ini, feeds shipped as files beside it) with a second
// config file that moves its state and output into a temporary directory and sets time_zone.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

class DemoE2e : public ::testing::Test {
 protected:
  ProcessResult run(const std::string& extra_planet_keys) {
    std::filesystem::path over = m_dir.write(
        "over.ini",
        "[Planet]\ncache_directory = cache\noutput_dir = public\nlog_level = WARNING\n" +
            extra_planet_keys);
    std::filesystem::path demo = std::filesystem::path(ORRERY_SOURCE_DIR) / "config/planet.ini";
    return run_process({orrery_binary(), "run", "-c", demo.string(), "-c", over.string()});
  }
  std::string page() const { return slurp(m_dir / "public/index.html"); }

  TempDir m_dir;
};

TEST_F(DemoE2e, TimeZoneShiftsTheShownTimesAndDayHeadersButNotDatetime) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Asia/Tokyo")) {
    GTEST_SKIP() << "tzdata not installed (.ci/install-deps.sh installs it)";
  }
  ProcessResult utc = run("");
  ASSERT_EQ(utc.exit_code, 0) << utc.err;
  std::string html = page();
  // The newest demo entry: 29 July 2023 11:10 UTC.
  EXPECT_NE(html.find("<time datetime=\"2023-07-29T11:10:00+00:00\">July 29, 2023 11:10 AM</time>"),
            std::string::npos);
  EXPECT_NE(html.find("All times are UTC."), std::string::npos);

  std::filesystem::remove_all(m_dir / "public");
  ProcessResult tokyo = run("time_zone = Asia/Tokyo\n");
  ASSERT_EQ(tokyo.exit_code, 0) << tokyo.err;
  html = page();
  // +09:00: the wall clock moves, the machine-read instant does not.
  EXPECT_NE(html.find("<time datetime=\"2023-07-29T11:10:00+00:00\">July 29, 2023 08:10 PM</time>"),
            std::string::npos);
  EXPECT_NE(html.find("All times are Asia/Tokyo."), std::string::npos);
  // 27 July 18:30 UTC is 28 July 03:30 in Tokyo: it sits under the 28 July header.
  std::size_t entry =
      html.find("<time datetime=\"2023-07-27T18:30:00+00:00\">July 28, 2023 03:30 AM");
  ASSERT_NE(entry, std::string::npos);
  std::size_t header = html.rfind("<h2 class=\"day-title\">", entry);
  ASSERT_NE(header, std::string::npos);
  const std::string expected = "<h2 class=\"day-title\">July 28, 2023</h2>";
  EXPECT_EQ(html.substr(header, expected.size()), expected);
}

TEST_F(DemoE2e, UnknownTimeZoneIsOneLineNamingFileLineAndZone) {
  ProcessResult r = run("time_zone = ../../etc/passwd\n");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("over.ini:5: time_zone: unknown zone ../../etc/passwd"), std::string::npos)
      << r.err;
}

TEST_F(DemoE2e, RemovedIframeShowsAsALinkToWhatItEmbedded) {
  ProcessResult r = run("");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string html = page();
  EXPECT_NE(html.find("<a href=\"https://video.example.org/embed/nec-away-day\">"
                      "https://video.example.org/embed/nec-away-day</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  // `orrery parse --json` keeps feedparser's output: the iframe gone without a trace.
  std::filesystem::path notes =
      std::filesystem::path(ORRERY_SOURCE_DIR) / "config/feeds/orrery-notes.atom";
  ProcessResult parsed = run_process({orrery_binary(), "parse", "--json", notes.string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_EQ(parsed.out.find("video.example.org/embed"), std::string::npos);
}

}  // namespace
}  // namespace orrery::test
