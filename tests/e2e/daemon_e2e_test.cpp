// End-to-end: `orrery daemon` runs cycles, reloads its config on SIGHUP, stops on SIGTERM, and
// refuses a damaged database at start.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <functional>
#include <thread>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

extern char** environ;

namespace orrery::test {
namespace {

using namespace std::chrono_literals;

// Polls `condition` until it holds or `bound` passes (a bound on a hang, not a timing claim).
bool eventually(const std::function<bool()>& condition, std::chrono::seconds bound = 60s) {
  auto deadline = std::chrono::steady_clock::now() + bound;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// A background orrery process whose stderr goes to a file; killed if still running at the end.
class Daemon {
 public:
  Daemon(const std::vector<std::string>& args, const std::filesystem::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> argv{orrery_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (std::string& a : argv) {
      raw.push_back(a.data());
    }
    raw.push_back(nullptr);
    int rc = ::posix_spawn(&m_pid, raw[0], &actions, nullptr, raw.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      throw std::runtime_error("cannot start orrery daemon");
    }
  }
  ~Daemon() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  void signal(int sig) { ::kill(m_pid, sig); }
  // The exit code once the process has ended (within a bound), -1 if it did not.
  int wait_exit() {
    int status = 0;
    bool ended = eventually([&] { return ::waitpid(m_pid, &status, WNOHANG) == m_pid; });
    if (!ended) {
      return -1;
    }
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t m_pid = -1;
};

std::string feed(const std::string& title) {
  return "<rss version=\"2.0\"><channel><title>" + title +
         "</title><link>http://example.org/</link><item><title>" + title + " post</title><guid>" +
         title +
         "-1</guid>"
         "<pubDate>Sat, 29 Jul 2023 11:10:00 GMT</pubDate></item></channel></rss>";
}

std::string planet(const HttpServer& server, bool with_second) {
  std::string ini =
      "[Planet]\nname = Daemon Planet\ncache_directory = cache\noutput_dir = public\n"
      "log_level = INFO\n\n[" +
      server.url("/one.rss") + "]\nname = One\n";
  if (with_second) {
    ini += "\n[" + server.url("/two.rss") + "]\nname = Two\n";
  }
  return ini;
}

TEST(DaemonE2e, RunsACycleReloadsOnSighupAndStopsOnSigterm) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  server.serve("/two.rss", feed("Two"));
  auto config = dir.write("planet.ini", planet(server, false));
  Daemon daemon({"daemon", "-c", config.string(), "--interval", "600"}, dir / "daemon.log");

  ASSERT_TRUE(eventually([&] {
    return std::filesystem::exists(dir / "public/index.html") &&
           slurp(dir / "daemon.log").find("Daemon Planet: 1 feeds") != std::string::npos;
  })) << slurp(dir / "daemon.log");
  EXPECT_EQ(server.request_count("/two.rss"), 0u);

  dir.write("planet.ini", planet(server, true));
  daemon.signal(SIGHUP);
  ASSERT_TRUE(eventually([&] {
    return slurp(dir / "daemon.log").find("Daemon Planet: 2 feeds") != std::string::npos;
  })) << slurp(dir / "daemon.log");
  EXPECT_EQ(server.request_count("/two.rss"), 1u);
  EXPECT_NE(slurp(dir / "public/index.html").find("Two post"), std::string::npos);

  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait_exit(), 0);
  EXPECT_NE(slurp(dir / "daemon.log").find("daemon: stopping"), std::string::npos);
}

TEST(DaemonE2e, DamagedDatabaseIsReportedAtStartAndLeftAlone) {
  TempDir dir;
  HttpServer server;
  server.serve("/one.rss", feed("One"));
  auto config = dir.write("planet.ini", planet(server, false));
  std::string garbage(8192, '\x5a');
  dir.write("cache/orrery.db", garbage);
  Daemon daemon({"daemon", "-c", config.string()}, dir / "daemon.log");
  EXPECT_EQ(daemon.wait_exit(), 1);
  std::string log = slurp(dir / "daemon.log");
  EXPECT_NE(log.find("orrery.db"), std::string::npos) << log;
  EXPECT_EQ(slurp(dir / "cache/orrery.db"), garbage);
  EXPECT_EQ(server.request_count("/one.rss"), 0u);
}

}  // namespace
}  // namespace orrery::test
