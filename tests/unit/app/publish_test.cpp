// app/publish: a stop signal during a render stops before the next output file; the files
// written before it are whole, no temporary file stays, the others keep their old version.

#include "app/publish.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "store/store.h"
#include "support/temp_dir.h"
#include "util/atomic_file.h"

namespace orrery::app {
namespace {

const util::TimePoint k_now = *util::parse_rfc3339("2026-05-20T12:00:00Z");

// Every file under `dir` (relative name → content).
std::map<std::string, std::string> files_in(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) {
      auto content = util::read_file(e.path(), 1 << 24);
      out[std::filesystem::relative(e.path(), dir).string()] = content ? *content : "(unread)";
    }
  }
  return out;
}

class Publish : public ::testing::Test {
 protected:
  // A planet writing to `output_dir`, with its own cache directory (the archive's fingerprints).
  config::Config load(const std::string& output_dir, const std::string& theme_lines = "") {
    m_dir.write("planet.ini", "[Planet]\nname = P\ncache_directory = cache-" + output_dir +
                                  "\noutput_dir = " + output_dir + "\n" + theme_lines +
                                  "[http://a.example/feed]\nname = Ann\n");
    auto config = config::load(m_dir / "planet.ini");
    EXPECT_TRUE(config) << config.error().message;
    return config ? std::move(*config) : config::Config{};
  }

  store::Store& store() {
    if (!m_store) {
      std::filesystem::create_directories(m_dir / "cache");
      m_store.emplace(m_dir / "cache" / "orrery.db");
      model::FeedUpdate update;  // two posts in two months: the archive has month pages
      update.state.url = "http://a.example/feed";
      update.now = k_now;
      update.feed.emplace();
      for (int month : {4, 5}) {
        model::Entry entry;
        entry.key = "id:http://a.example/" + std::to_string(month);
        entry.id = "http://a.example/" + std::to_string(month);
        entry.title_plain = "post of month " + std::to_string(month);
        entry.updated = *util::from_civil(2026, month, 10, 9, 0, 0);
        update.feed->entries.push_back(entry);
      }
      m_store->apply(update);
    }
    return *m_store;
  }

  test::TempDir m_dir;
  std::optional<store::Store> m_store;
};

TEST_F(Publish, AStopBeforeTheThirdFileLeavesTwoWholeFilesAndNoTemporary) {
  auto whole = publish(load("whole"), store(), k_now);
  ASSERT_TRUE(whole) << whole.error().message;
  const auto expected = files_in(m_dir / "whole");
  ASSERT_GE(expected.size(), 3u);

  int asked = 0;
  auto stopped = publish(load("stopped"), store(), k_now, {}, [&] { return ++asked > 2; });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(stopped.error().message, "publish: stopped by a stop signal after 2 files");
  EXPECT_EQ(asked, 3);  // asked before each file, and never again once it said stop
  const auto written = files_in(m_dir / "stopped");
  EXPECT_EQ(written.size(), 2u);
  for (const auto& [name, content] : written) {
    ASSERT_EQ(expected.count(name), 1u) << name << " is not an output (a temporary file?)";
    EXPECT_EQ(content, expected.at(name)) << name << " is not whole";
  }
}

TEST_F(Publish, AStopAmongTheArchivePagesLeavesWholePagesAndTheOldFingerprints) {
  const std::string theme = "output_theme = default\n";  // its config.ini: archives = yes
  int total = 0;
  auto whole = publish(load("whole", theme), store(), k_now, {}, [&] {
    ++total;
    return false;
  });
  ASSERT_TRUE(whole) << whole.error().message;
  const auto expected = files_in(m_dir / "whole");
  ASSERT_EQ(expected.count("archives.html"), 1u);  // the archive's last page

  int asked = 0;
  auto stopped =
      publish(load("stopped", theme), store(), k_now, {}, [&] { return ++asked == total; });
  ASSERT_FALSE(stopped);
  EXPECT_EQ(asked, total);
  const auto written = files_in(m_dir / "stopped");
  EXPECT_EQ(written.count("archives.html"), 0u);         // asked about last, never begun
  EXPECT_EQ(written.count("archive/2026/05.html"), 1u);  // the month pages before it are there
  EXPECT_GE(written.size(), 2u);
  for (const auto& [name, content] : written) {
    ASSERT_EQ(expected.count(name), 1u) << name << " is not an output (a temporary file?)";
    EXPECT_EQ(content, expected.at(name)) << name << " is not whole";
  }
  // The stopped run records no fingerprint: its pages are checked again by the next run.
  EXPECT_TRUE(std::filesystem::exists(m_dir / "cache-whole" / "archive-pages.tsv"));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "cache-stopped" / "archive-pages.tsv"));
}

TEST_F(Publish, WithoutAStopEveryFileIsWritten) {
  int asked = 0;
  auto all = publish(load("all"), store(), k_now, {}, [&] {
    ++asked;
    return false;
  });
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(files_in(m_dir / "all").size(), all->size());
  EXPECT_GT(asked, 0);  // once per rendered file (the theme's copied files are not asked about)
}

}  // namespace
}  // namespace orrery::app
