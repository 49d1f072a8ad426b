// End-to-end: `orrery daemon` as a service — polls feeds when due and re-renders, reloads its
// config on SIGHUP (a broken one is refused), stops on SIGTERM even in the middle of a transfer,
// talks the systemd notify protocol, holds the planet's lock, survives a failing render, and
// refuses a damaged database at start.

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>

#include "db_check.h"
#include "support/background.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

using namespace std::chrono_literals;

std::string feed(const std::string& title, const std::string& post = "") {
  std::string item = post.empty() ? title + " post" : post;
  return "<rss version=\"2.0\"><channel><title>" + title +
         "</title><link>http://example.org/</link><item><title>" + item + "</title><guid>" + title +
         "-" + item +
         "</guid>"
         "<pubDate>Sat, 29 Jul 2023 11:10:00 GMT</pubDate></item></channel></rss>";
}

// A planet whose daemon renders as soon as something changes and polls as often as allowed.
std::string planet(const HttpServer& server, const std::vector<std::string>& paths,
                   const std::string& extra = "", const std::string& level = "INFO") {
  std::string ini =
      "[Planet]\nname = Daemon Planet\ncache_directory = cache\noutput_dir = public\n"
      "log_level = " +
      level + "\nrender_interval = 0\nmin_poll_interval = 1\n" + extra + "\n";
  for (const std::string& path : paths) {
    ini += "[" + server.url(path) + "]\nname = " + path.substr(1) + "\n\n";
  }
  return ini;
}

std::vector<std::string> daemon_args(const std::filesystem::path& config) {
  return {orrery_binary(), "daemon", "-c", config.string()};
}

bool contains(const std::filesystem::path& file, const std::string& text) {
  std::error_code ec;
  return std::filesystem::exists(file, ec) && slurp(file).find(text) != std::string::npos;
}

TEST(DaemonE2e, SighupAddsAndRemovesFeedsAndSigtermStops) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  server.serve("/two.rss", feed("Two"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");

  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  EXPECT_EQ(server.request_count("/two.rss"), 0u);

  EXPECT_FALSE(contains(dir / "daemon.log", "debug: "));

  // Reloaded: the new feed is polled and shown, and the new log_level applies.
  dir.write("planet.ini", planet(server, {"/one.rss", "/two.rss"}, "", "DEBUG"));
  daemon.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "Two post"); }))
      << slurp(dir / "daemon.log");
  EXPECT_GE(server.request_count("/two.rss"), 1u);
  EXPECT_TRUE(contains(dir / "daemon.log", "debug: feed " + server.url("/two.rss")))
      << slurp(dir / "daemon.log");

  dir.write("planet.ini", planet(server, {"/two.rss"}));
  daemon.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return !contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  EXPECT_TRUE(contains(dir / "public/index.html", "Two post"));
  // The removed feed's state stays in the store (no state lost); it is just not polled.
  EXPECT_EQ(query_value(dir / "cache/orrery.db",
                        "SELECT count(*) FROM feeds WHERE url = '" + server.url("/one.rss") + "'"),
            "1");

  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  EXPECT_TRUE(contains(dir / "daemon.log", "daemon: stopping"));
}

TEST(DaemonE2e, APlanetWithoutFeedsWaitsForAReload) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {}));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  ASSERT_TRUE(eventually([&] { return contains(dir / "daemon.log", "rendered"); }))
      << slurp(dir / "daemon.log");
  // Nothing to poll: no fetch at all, let alone one a second.
  EXPECT_FALSE(contains(dir / "daemon.log", "0 feeds:")) << slurp(dir / "daemon.log");
  dir.write("planet.ini", planet(server, {"/one.rss"}));
  daemon.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

TEST(DaemonE2e, AReadingListIsNotFetchedAtEveryWakeUp) {
  TempDir dir;
  HttpServer server;
  server.serve(
      "/one.rss",
      CannedResponse{200, feed("One"), "application/rss+xml", {{"Cache-Control", "max-age=1"}}});
  server.serve("/listed.rss", feed("Listed"));
  server.serve("/list.opml",
               "<?xml version='1.0'?>\n<opml version='2.0'><head><title>Roll</title></head><body>"
               "<outline type='rss' text='Listed' xmlUrl='" +
                   server.url("/listed.rss") + "'/></body></opml>\n",
               "text/x-opml");
  auto config =
      dir.write("planet.ini", planet(server, {"/one.rss"}, "allow_private_networks = yes\n") + "[" +
                                  server.url("/list.opml") + "]\ncontent_type = opml\n");
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "Listed post"); }))
      << slurp(dir / "daemon.log");
  // /one.rss is polled about every second; the list is not re-read with each poll.
  ASSERT_TRUE(eventually([&] { return server.request_count("/one.rss") >= 3; }))
      << slurp(dir / "daemon.log");
  EXPECT_EQ(server.request_count("/list.opml"), 1u);
  EXPECT_TRUE(contains(dir / "public/index.html", "Listed post"));
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

TEST(DaemonE2e, ChangedFeedShowsOnThePage) {
  TempDir dir;
  HttpServer server;
  std::mutex mutex;
  std::string body = feed("One", "First post");
  server.server().Get("/one.rss", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(mutex);
    res.set_header("Cache-Control", "max-age=1");
    res.set_content(body, "application/rss+xml");
  });
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "First post"); }))
      << slurp(dir / "daemon.log");
  {
    std::lock_guard lock(mutex);
    body = feed("One", "Second post");
  }
  // Within the feed's interval (a second, min_poll_interval); the bound is only against a hang.
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "Second post"); }))
      << slurp(dir / "daemon.log");
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

TEST(DaemonE2e, SigtermDuringASlowTransferExitsPromptlyWithTheDatabaseIntact) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  server.stall("/slow.rss");
  auto config = dir.write("planet.ini", planet(server, {"/one.rss", "/slow.rss"}));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  ASSERT_TRUE(eventually([&] { return server.request_count("/slow.rss") > 0; }))
      << slurp(dir / "daemon.log");
  daemon.signal(SIGTERM);
  // The service's promise: out within 5 seconds of SIGTERM, whatever is in flight.
  EXPECT_EQ(daemon.wait_exit(5s), 0) << slurp(dir / "daemon.log");
  EXPECT_EQ(store_invariant_violation(dir / "cache/orrery.db"), "");
  EXPECT_TRUE(contains(dir / "daemon.log", "daemon: stopping"));
}

TEST(DaemonE2e, NotifyDatagramsArriveInOrder) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  NotifySocket notify((dir / "notify.sock").string());
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log",
                           {"NOTIFY_SOCKET=" + notify.address()});
  ASSERT_TRUE(notify.wait_for([](const std::string& m) {
    return m.rfind("STATUS=", 0) == 0 && m.find("pages rendered") != std::string::npos;
  })) << slurp(dir / "daemon.log");
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  ASSERT_TRUE(notify.wait_for([](const std::string& m) { return m == "STOPPING=1"; }));
  std::vector<std::string> got = notify.messages();
  ASSERT_GE(got.size(), 3u);
  EXPECT_EQ(got.front(), "READY=1");
  EXPECT_EQ(got.back(), "STOPPING=1");
  for (std::size_t i = 1; i + 1 < got.size(); ++i) {
    EXPECT_EQ(got[i].rfind("STATUS=", 0), 0u) << got[i];
    EXPECT_EQ(got[i].find('\n'), std::string::npos) << got[i];
  }
  EXPECT_EQ(std::count(got.begin(), got.end(), "READY=1"), 1);
}

TEST(DaemonE2e, WatchdogIsPingedOnAnAbstractSocket) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  NotifySocket notify("@orrery-test-" + std::to_string(::getpid()));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log",
                           {"NOTIFY_SOCKET=" + notify.address(), "WATCHDOG_USEC=200000"});
  EXPECT_TRUE(notify.wait_for([](const std::string& m) { return m == "READY=1"; }));
  EXPECT_TRUE(notify.wait_for([](const std::string& m) { return m == "WATCHDOG=1"; }));
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

TEST(DaemonE2e, SecondDaemonAndRunExit75NamingTheHolder) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  NotifySocket notify((dir / "notify.sock").string());
  BackgroundProcess first(daemon_args(config), dir / "first.log",
                          {"NOTIFY_SOCKET=" + notify.address()});
  ASSERT_TRUE(notify.wait_for([](const std::string& m) { return m == "READY=1"; }))
      << slurp(dir / "first.log");
  std::string holder = "(pid " + std::to_string(first.pid()) + ")";

  BackgroundProcess second(daemon_args(config), dir / "second.log");
  EXPECT_EQ(second.wait_exit(), 75);
  EXPECT_TRUE(contains(dir / "second.log", holder)) << slurp(dir / "second.log");

  ProcessResult run = run_process({orrery_binary(), "run", "-c", config.string()});
  EXPECT_EQ(run.exit_code, 75);
  EXPECT_NE(run.err.find(holder), std::string::npos) << run.err;

  first.signal(SIGTERM);
  EXPECT_EQ(first.wait_exit(), 0);
}

TEST(DaemonE2e, BrokenConfigOnSighupIsReportedAndTheOldOneKept) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  dir.write("planet.ini", "[Planet]\nname = Broken\nitems_per_page = many\n");
  daemon.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] {
    return contains(dir / "daemon.log", "keeping the previous config");
  })) << slurp(dir / "daemon.log");
  EXPECT_TRUE(contains(dir / "daemon.log", "planet.ini:3: ")) << slurp(dir / "daemon.log");
  EXPECT_FALSE(daemon.wait_exit(100ms).has_value());  // still running
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

TEST(DaemonE2e, FailingRenderIsRetriedAndReportedAsDegraded) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  dir.write("public", "a file where the output directory should be");
  NotifySocket notify((dir / "notify.sock").string());
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log",
                           {"NOTIFY_SOCKET=" + notify.address()});
  ASSERT_TRUE(notify.wait_for([](const std::string& m) {
    return m.rfind("STATUS=degraded: render: ", 0) == 0;
  })) << slurp(dir / "daemon.log");
  std::filesystem::remove(dir / "public");
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  EXPECT_TRUE(notify.wait_for([](const std::string& m) {
    return m.rfind("STATUS=", 0) == 0 && m.find("degraded") == std::string::npos &&
           m.find("pages rendered") != std::string::npos;
  }));
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
}

// Another program holds the database's write lock (a sqlite3 shell, a backup).
class HeldWriteLock {
 public:
  explicit HeldWriteLock(const std::filesystem::path& db) {
    EXPECT_EQ(sqlite3_open(db.c_str(), &m_db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(m_db);
  }
  ~HeldWriteLock() {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(m_db);
  }
  HeldWriteLock(const HeldWriteLock&) = delete;
  HeldWriteLock& operator=(const HeldWriteLock&) = delete;

 private:
  sqlite3* m_db = nullptr;
};

TEST(DaemonE2e, LockedDatabaseIsRetriedAndReportedAsDegraded) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  server.serve("/two.rss", feed("Two"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  NotifySocket notify((dir / "notify.sock").string());
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log",
                           {"NOTIFY_SOCKET=" + notify.address()});
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }))
      << slurp(dir / "daemon.log");
  {
    HeldWriteLock lock(dir / "cache/orrery.db");
    dir.write("planet.ini", planet(server, {"/one.rss", "/two.rss"}));
    daemon.signal(SIGHUP);  // a new feed: due at once, but its fetch cannot write
    ASSERT_TRUE(notify.wait_for([](const std::string& m) {
      return m.rfind("STATUS=degraded: fetch: ", 0) == 0;
    })) << slurp(dir / "daemon.log");
    EXPECT_FALSE(daemon.wait_exit(100ms).has_value());  // still running
  }
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "Two post"); }))
      << slurp(dir / "daemon.log");
  EXPECT_TRUE(contains(dir / "daemon.log", "daemon: fetching works again"));
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  EXPECT_EQ(store_invariant_violation(dir / "cache/orrery.db"), "");
}

TEST(DaemonE2e, JournalStreamLinesCarryTheirPriority) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  server.serve("/gone.rss", CannedResponse{404, "not here", "text/plain", {}});
  auto config = dir.write("planet.ini", planet(server, {"/one.rss", "/gone.rss"}));
  dir.write("public", "a file where the output directory should be");  // an error to log
  auto log = dir.write("daemon.log", "");
  struct stat st {};
  ASSERT_EQ(::stat(log.c_str(), &st), 0);
  std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  BackgroundProcess daemon(daemon_args(config), log, {"JOURNAL_STREAM=" + stream});
  ASSERT_TRUE(eventually([&] {
    return contains(log, "<3>error: daemon: render: ") &&
           contains(log, "<4>warning: feed " + server.url("/gone.rss"));
  })) << slurp(log);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  std::string text = slurp(log);
  EXPECT_NE(text.find("<6>info: daemon: "), std::string::npos) << text;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    EXPECT_EQ(text[start], '<') << text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
  }
}

TEST(DaemonE2e, PlainStderrWithoutAMatchingJournalStream) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  // Inherited from a parent whose stderr was the journal: not this stderr.
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log", {"JOURNAL_STREAM=1:1"});
  ASSERT_TRUE(eventually([&] { return contains(dir / "public/index.html", "One post"); }));
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  std::string text = slurp(dir / "daemon.log");
  EXPECT_NE(text.find("info: daemon: "), std::string::npos) << text;
  EXPECT_EQ(text.find("<6>"), std::string::npos) << text;
}

TEST(DaemonE2e, IntervalFlagIsRefusedWithAReason) {
  TempDir dir;
  HttpServer server;
  auto config = dir.write("planet.ini", planet(server, {}));
  ProcessResult r =
      run_process({orrery_binary(), "daemon", "-c", config.string(), "--interval", "30"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--interval was removed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("min_poll_interval"), std::string::npos) << r.err;
}

TEST(DaemonE2e, DamagedDatabaseIsReportedAtStartAndLeftAlone) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, {"/one.rss"}));
  std::string garbage(8192, '\x5a');
  dir.write("cache/orrery.db", garbage);
  BackgroundProcess daemon(daemon_args(config), dir / "daemon.log");
  EXPECT_EQ(daemon.wait_exit(), 1);
  std::string log = slurp(dir / "daemon.log");
  EXPECT_NE(log.find("orrery.db"), std::string::npos) << log;
  EXPECT_EQ(slurp(dir / "cache/orrery.db"), garbage);
  EXPECT_EQ(server.request_count("/one.rss"), 0u);
}

}  // namespace
}  // namespace orrery::test
