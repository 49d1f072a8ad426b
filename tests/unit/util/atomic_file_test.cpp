#include "util/atomic_file.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace orrery::util {
namespace {

TEST(AtomicFile, TargetAppearsOnlyOnCommit) {
  test::TempDir dir;
  auto target = dir / "index.html";
  {
    AtomicFile file(target);
    file.write("<p>new</p>");
    EXPECT_FALSE(std::filesystem::exists(target));
    file.commit();
  }
  EXPECT_EQ(test::slurp(target), "<p>new</p>");
}

TEST(AtomicFile, DestructorWithoutCommitKeepsOldContentAndLeavesNoTemporary) {
  test::TempDir dir;
  auto target = dir.write("index.html", "old");
  {
    AtomicFile file(target);
    file.write("half a pa");
  }
  EXPECT_EQ(test::slurp(target), "old");
  int files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(AtomicFile, SyncLaterStillReplacesAtOnceAndSyncFilesystemSucceeds) {
  test::TempDir dir;
  auto target = dir.write("page.html", "old");
  {
    AtomicFile file(target, Sync::later);
    file.write("<p>new</p>");
    EXPECT_EQ(test::slurp(target), "old") << "nothing visible before commit";
    file.commit();
  }
  EXPECT_EQ(test::slurp(target), "<p>new</p>");
  write_file_atomically(dir / "other.html", "x", Sync::later);
  EXPECT_NO_THROW(sync_filesystem(dir.path()));
  EXPECT_THROW(sync_filesystem(dir / "missing"), std::system_error);
}

TEST(AtomicFile, ThrowsWhenDirectoryIsMissing) {
  test::TempDir dir;
  EXPECT_THROW(AtomicFile(dir / "missing" / "x"), std::system_error);
}

TEST(ReadFile, RefusesFilesOverTheLimitNamingTheFile) {
  test::TempDir dir;
  auto p = dir.write("big.xml", std::string(100, 'x'));
  auto r = read_file(p, 10);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("big.xml"), std::string::npos);
  EXPECT_EQ(read_file(p, 100).value(), std::string(100, 'x'));
}

TEST(AtomicFile, TemporaryNamesHaveOnePattern) {
  EXPECT_TRUE(is_atomic_temporary("index.html.tmp.aB3xY9"));
  EXPECT_FALSE(is_atomic_temporary("index.html"));
  EXPECT_FALSE(is_atomic_temporary(".tmp.aB3xY9"));
  EXPECT_FALSE(is_atomic_temporary("index.html.tmp.aB3x"));
  EXPECT_FALSE(is_atomic_temporary("index.html.tmp.aB3-Y9"));
  EXPECT_FALSE(is_atomic_temporary("notes.tmp.txt"));
}

TEST(AtomicFile, StaleTemporariesAreSweptAndNothingElse) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "sub");
  dir.write("index.html", "page");
  dir.write("index.html.tmp.aB3xY9", "half");
  dir.write("sub/feed.xml.tmp.000000", "half");
  dir.write("keep.tmp.txt", "mine");
  auto removed = remove_stale_temporaries(dir.path());
  EXPECT_EQ(removed.size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(dir / "index.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "keep.tmp.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir / "index.html.tmp.aB3xY9"));
  EXPECT_FALSE(std::filesystem::exists(dir / "sub/feed.xml.tmp.000000"));
  EXPECT_TRUE(remove_stale_temporaries(dir / "missing").empty());
}

TEST(AtomicFile, ItsOwnTemporaryMatchesThePattern) {
  test::TempDir dir;
  AtomicFile file(dir / "index.html");
  int matching = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    matching += is_atomic_temporary(entry.path().filename().string()) ? 1 : 0;
  }
  EXPECT_EQ(matching, 1);
}

}  // namespace
}  // namespace orrery::util
