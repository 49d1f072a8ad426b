#include "app/sd_notify.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "support/background.h"
#include "support/temp_dir.h"

namespace orrery::app {
namespace {

using namespace std::chrono_literals;
using test::NotifySocket;
using test::TempDir;

TEST(Notifier, WithoutNotifySocketEverythingIsANoOp) {
  ::unsetenv("NOTIFY_SOCKET");
  Notifier n = Notifier::from_environment();
  EXPECT_FALSE(n.enabled());
  n.send("READY=1");
  EXPECT_EQ(n.watchdog_period(), std::nullopt);
}

TEST(Notifier, SendsOneDatagramPerMessageAndTakesTheVariablesOut) {
  TempDir dir;
  NotifySocket socket((dir / "notify").string());
  ::setenv("NOTIFY_SOCKET", socket.address().c_str(), 1);
  ::setenv("WATCHDOG_USEC", "4000000", 1);
  ::unsetenv("WATCHDOG_PID");
  Notifier n = Notifier::from_environment();
  EXPECT_EQ(::getenv("NOTIFY_SOCKET"), nullptr);
  EXPECT_EQ(::getenv("WATCHDOG_USEC"), nullptr);
  ASSERT_TRUE(n.enabled());
  EXPECT_EQ(n.watchdog_period(), std::chrono::microseconds{2000000});
  n.send("READY=1");
  n.status("3 feeds");
  n.status("3 feeds");  // unchanged: not sent again
  n.status("4 feeds");
  n.send("STOPPING=1");
  ASSERT_TRUE(socket.wait_for([](const std::string& m) { return m == "STOPPING=1"; }));
  EXPECT_EQ(socket.messages(), (std::vector<std::string>{"READY=1", "STATUS=3 feeds",
                                                         "STATUS=4 feeds", "STOPPING=1"}));
}

TEST(Notifier, WatchdogIsSentOncePerHalfPeriod) {
  NotifySocket socket("@orrery-unit-" + std::to_string(::getpid()));
  ::setenv("NOTIFY_SOCKET", socket.address().c_str(), 1);
  ::setenv("WATCHDOG_USEC", "2000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  Notifier n = Notifier::from_environment();
  ASSERT_TRUE(n.watchdog_period().has_value());
  auto start = *n.next_watchdog() - *n.watchdog_period();
  n.watchdog(start + 500ms);  // not yet due
  n.watchdog(start + 1s);
  n.watchdog(start + 1500ms);  // due again only at 2 s
  n.watchdog(start + 2s);
  n.send("END");
  ASSERT_TRUE(socket.wait_for([](const std::string& m) { return m == "END"; }));
  EXPECT_EQ(socket.messages(), (std::vector<std::string>{"WATCHDOG=1", "WATCHDOG=1", "END"}));
}

TEST(Notifier, WatchdogForAnotherProcessIsOff) {
  NotifySocket socket("@orrery-unit-other-" + std::to_string(::getpid()));
  ::setenv("NOTIFY_SOCKET", socket.address().c_str(), 1);
  ::setenv("WATCHDOG_USEC", "2000000", 1);
  ::setenv("WATCHDOG_PID", "1", 1);
  Notifier n = Notifier::from_environment();
  EXPECT_TRUE(n.enabled());
  EXPECT_EQ(n.watchdog_period(), std::nullopt);
  EXPECT_EQ(n.next_watchdog(), std::nullopt);
}

TEST(Notifier, ARelativeSocketNameIsRefused) {
  ::setenv("NOTIFY_SOCKET", "relative/notify", 1);
  Notifier n = Notifier::from_environment();
  EXPECT_FALSE(n.enabled());
}

}  // namespace
}  // namespace orrery::app
