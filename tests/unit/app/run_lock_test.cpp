#include "app/run_lock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "support/temp_dir.h"

namespace orrery::app {
namespace {

using test::TempDir;

TEST(RunLock, TheHolderWritesItsPidAndASecondTakerIsTurnedAway) {
  TempDir dir;
  auto path = dir / "orrery.lock";
  auto first = RunLock::try_acquire(path);
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ(RunLock::holder(path), static_cast<long>(::getpid()));

  auto second = RunLock::try_acquire(path);  // another open file description: refused
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->has_value());
  EXPECT_EQ(RunLock::held_message(path), path.string() +
                                             ": another orrery run holds the lock (pid " +
                                             std::to_string(::getpid()) + "); exiting");
}

TEST(RunLock, AReleasedLockCanBeTakenAgain) {
  TempDir dir;
  auto path = dir / "orrery.lock";
  { auto first = RunLock::try_acquire(path); }
  auto again = RunLock::try_acquire(path);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->has_value());
}

TEST(RunLock, AnUnreadableHolderIsLeftOutOfTheMessage) {
  TempDir dir;
  auto path = dir.write("orrery.lock", "not a pid\n");
  EXPECT_EQ(RunLock::holder(path), std::nullopt);
  EXPECT_EQ(RunLock::held_message(path),
            path.string() + ": another orrery run holds the lock; exiting");
  EXPECT_EQ(RunLock::holder(dir / "missing.lock"), std::nullopt);
}

}  // namespace
}  // namespace orrery::app
