// The crash test: `orrery run` killed with SIGKILL at random points (fetch, store, render) on
// a planet served from 127.0.0.1. Whatever the kill point: the database passes integrity_check
// and holds no duplicate, the published page is absent or complete (AtomicFile), and the next
// undisturbed run converges to what an undisturbed run from scratch publishes and stores.
//
// Iterations: ORRERY_CRASH_ITERATIONS, else --iterations=N (ctest passes 10 for e2e.crash and
// 100 for crash.full). The RNG seed is ORRERY_CRASH_SEED, else fixed; the kill delays are
// random, the assertions hold for every delay.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "db_check.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "util/atomic_file.h"

namespace orrery::test {
namespace {

int g_iterations = 10;

constexpr int k_feeds = 8;
constexpr int k_entries_per_feed = 60;
constexpr std::size_t k_entry_body_bytes = 3000;

int iterations() {
  const char* env = std::getenv("ORRERY_CRASH_ITERATIONS");
  return env != nullptr && std::atoi(env) > 0 ? std::atoi(env) : g_iterations;
}

std::uint32_t seed() {
  const char* env = std::getenv("ORRERY_CRASH_SEED");
  return env != nullptr ? static_cast<std::uint32_t>(std::strtoul(env, nullptr, 10)) : 20230701U;
}

// index.html without its "Last updated" line (the only part that depends on when it ran).
std::string page_content(const std::filesystem::path& page) {
  std::istringstream in(slurp(page));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.find("Last updated:") == std::string::npos) {
      out += line + "\n";
    }
  }
  return out;
}

// A complete page ends with </html> (AtomicFile renames only a finished file into place).
bool complete_page(const std::filesystem::path& page) {
  std::string html = slurp(page);
  std::size_t end = html.find_last_not_of(" \r\n");
  return end != std::string::npos && html.compare(0, 15, "<!DOCTYPE html>") == 0 &&
         html.compare(end - 6, 7, "</html>") == 0;
}

// The temporary files of AtomicFile (`name.tmp.XXXXXX`) anywhere under `dir`.
std::vector<std::string> temporaries(const std::filesystem::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (util::is_atomic_temporary(it->path().filename().string())) {
      found.push_back(it->path().string());
    }
  }
  return found;
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string config =
        "[Planet]\nname = Crash Planet\nlink = http://planet.example/\n"
        "cache_directory = cache\noutput_dir = public\nitems_per_page = 200\n";
    for (int i = 0; i < k_feeds; ++i) {
      std::string name = "feed" + std::to_string(i);
      m_server.serve("/" + name + ".atom",
                     synthetic_atom_feed(name, k_entries_per_feed, k_entry_body_bytes),
                     "application/atom+xml");
      config +=
          "\n[" + m_server.url("/" + name + ".atom") + "]\nname = Feed " + std::to_string(i) + "\n";
    }
    m_config = config;
  }

  // A planet directory holding the config; its cache/ and public/ are created by runs.
  std::filesystem::path planet(const TempDir& dir) const {
    return dir.write("planet.ini", m_config);
  }

  static ProcessResult run(const std::filesystem::path& config) {
    return run_process({orrery_binary(), "-q", "run", "-c", config.string()});
  }

  // Starts `orrery run`, kills it with SIGKILL after `delay` (it may finish first).
  static void run_and_kill(const std::filesystem::path& config, std::chrono::microseconds delay) {
    std::string binary = orrery_binary();
    std::string path = config.string();
    std::string run_word = "run", flag = "-c";
    char* argv[] = {binary.data(), run_word.data(), flag.data(), path.data(), nullptr};
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // Only async-signal-safe calls between fork and exec (the server's threads run on).
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execv(argv[0], argv);
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);  // a random kill point, not an ordering wait
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  }

  HttpServer m_server;
  std::string m_config;
  std::map<std::string, int> m_outcomes;
};

TEST_F(CrashTest, KilledRunsLeaveAnIntactStoreAndTheNextRunConverges) {
  // The undisturbed run from scratch: what every recovered planet must end up with.
  TempDir reference;
  auto started = std::chrono::steady_clock::now();
  ProcessResult first = run(planet(reference));
  auto duration = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  Rows expected_entries = entry_content(reference / "cache/orrery.db");
  ASSERT_EQ(expected_entries.size(), static_cast<std::size_t>(k_feeds * k_entries_per_feed));
  std::string expected_page = page_content(reference / "public/index.html");

  std::mt19937 rng(seed());
  // Up to 10% past a whole run, so some kills land after it finished (nothing to recover).
  std::uniform_int_distribution<long> delay_us(0, duration.count() * 11 / 10);
  std::bernoulli_distribution second_kill(0.25);
  for (int i = 0; i < iterations(); ++i) {
    SCOPED_TRACE("iteration " + std::to_string(i) + " (seed " + std::to_string(seed()) + ")");
    TempDir dir;
    std::filesystem::path config = planet(dir);
    run_and_kill(config, std::chrono::microseconds(delay_us(rng)));
    if (second_kill(rng)) {  // killed again while recovering
      run_and_kill(config, std::chrono::microseconds(delay_us(rng)));
    }
    std::filesystem::path db = dir / "cache/orrery.db";
    std::filesystem::path page = dir / "public/index.html";
    bool stored = false;
    if (std::filesystem::exists(db)) {
      EXPECT_EQ(store_invariant_violation(db), "");
      stored =
          query_value(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'entries'") == "1" &&
          query_value(db, "SELECT COUNT(*) FROM entries") != "0";
    }
    bool published = std::filesystem::exists(page);
    if (published) {
      EXPECT_TRUE(complete_page(page)) << "half-written page at " << page;
    }
    // Where the kill landed, as far as the files tell (for the summary; never asserted).
    m_outcomes[published ? "page published"
               : stored  ? "batch committed, no page"
                         : "nothing committed"]++;
    ProcessResult recovery = run(config);
    ASSERT_EQ(recovery.exit_code, 0) << recovery.err;
    EXPECT_EQ(store_invariant_violation(db), "");
    EXPECT_EQ(entry_content(db), expected_entries);
    EXPECT_EQ(page_content(page), expected_page);
    EXPECT_EQ(temporaries(dir / "public"), std::vector<std::string>{})
        << "temporary files survive the recovery run";
    if (HasFailure()) {
      break;  // one failing kill point is enough to report
    }
  }
  for (const auto& [outcome, n] : m_outcomes) {
    std::printf("crash: %d kills: %s\n", n, outcome.c_str());
  }
}

// A kill while a page is written leaves `index.html.tmp.XXXXXX` (and the like, in subfolders
// too); whatever the kill point, the next run removes them before it publishes.
TEST_F(CrashTest, TheNextRunSweepsTemporaryFilesAKilledPublishLeft) {
  TempDir dir;
  std::filesystem::path config = planet(dir);
  std::filesystem::create_directories(dir / "public/page");
  dir.write("public/index.html.tmp.Ab12Cd", "<!DOCTYPE html><p>half");
  dir.write("public/planet.css.tmp.zz99ZZ", "body {");
  dir.write("public/page/2.html.tmp.q1w2e3", "<p>");
  dir.write("public/notes.tmp.txt", "an operator's file, not ours");
  ASSERT_EQ(temporaries(dir / "public").size(), 3u);
  ProcessResult result = run(config);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(temporaries(dir / "public"), std::vector<std::string>{});
  EXPECT_TRUE(std::filesystem::exists(dir / "public/notes.tmp.txt"));
  EXPECT_TRUE(complete_page(dir / "public/index.html"));
}

}  // namespace
}  // namespace orrery::test

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--iterations=", 0) == 0) {
      orrery::test::g_iterations = std::atoi(arg.c_str() + 13);
    }
  }
  return RUN_ALL_TESTS();
}
