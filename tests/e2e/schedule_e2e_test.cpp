// End-to-end: each feed's own schedule across `orrery run`s (docs/schedule.md). A second run
// right after the first fetches only what is due; `--all` fetches everything; cron's output
// says only what is new. Request counts on the local server are the evidence; no timing.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <string>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

// One column of one row: the text of `sql` (a SELECT of one value) in the planet's database.
std::string query_text(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(handle);
    ADD_FAILURE() << "cannot open " << db;
    return {};
  }
  sqlite3_stmt* stmt = nullptr;
  std::string value = "<none>";
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
  } else {
    ADD_FAILURE() << "query failed: " << sql << ": " << sqlite3_errmsg(handle);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return value;
}

std::string rss(const std::string& extra_channel, const std::string& guid = "post-1") {
  return "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>"
         "<link>http://t.example/</link>" +
         extra_channel + "<item><title>Post</title><guid>" + guid +
         "</guid><pubDate>Sat, 29 Jul 2023 12:10:00 +0000</pubDate></item></channel></rss>\n";
}

class ScheduleE2e : public ::testing::Test {
 protected:
  // A planet of the given feed paths on the local server.
  void planet(const std::vector<std::string>& paths) {
    std::string ini =
        "[Planet]\nname = Schedule\ncache_directory = cache\noutput_dir = public\n"
        "allow_private_networks = yes\n";
    for (const std::string& path : paths) {
      ini += "\n[" + m_server.url(path) + "]\nname = " + path + "\n";
    }
    m_config = m_dir.write("planet.ini", ini);
  }

  ProcessResult run(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{orrery_binary(), "run", "-c", m_config.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv);
  }

  std::string state(const std::string& path, const std::string& column) {
    return query_text(m_dir / "cache/orrery.db",
                      "SELECT " + column + " FROM feeds WHERE url = '" + m_server.url(path) + "'");
  }

  TempDir m_dir;
  HttpServer m_server;
  std::filesystem::path m_config;
};

TEST_F(ScheduleE2e, MaxAgeThatHasNotPassedIsNotFetchedAgainUnlessAll) {
  CannedResponse fresh;
  fresh.body = rss("");
  fresh.headers.emplace("Cache-Control", "max-age=7200");
  m_server.serve("/fresh.rss", fresh);
  planet({"/fresh.rss"});
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(m_server.request_count("/fresh.rss"), 1u);
  EXPECT_EQ(state("/fresh.rss", "due_reason"), "max-age");
  const long long wait = std::stoll(state("/fresh.rss", "next_due - last_fetched"));
  EXPECT_GE(wait, 7200 - 720);
  EXPECT_LE(wait, 7200 + 720);

  ProcessResult second = run();
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(m_server.request_count("/fresh.rss"), 1u) << "fetched before its max-age passed";
  EXPECT_TRUE(std::filesystem::exists(m_dir / "public/index.html"));

  ASSERT_EQ(run({"--all"}).exit_code, 0);
  EXPECT_EQ(m_server.request_count("/fresh.rss"), 2u);
}

TEST_F(ScheduleE2e, TtlIsRespectedAcrossRuns) {
  m_server.serve("/ttl.rss", rss("<ttl>600</ttl>"), "application/rss+xml");
  planet({"/ttl.rss"});
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(state("/ttl.rss", "due_reason"), "ttl");
  EXPECT_EQ(state("/ttl.rss", "ttl"), "36000");  // 600 minutes
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(m_server.request_count("/ttl.rss"), 1u);
}

TEST_F(ScheduleE2e, RetryAfterOnA503IsHonoured) {
  CannedResponse busy;
  busy.status = 503;
  busy.headers.emplace("Retry-After", "5400");
  m_server.serve("/busy.rss", busy);
  planet({"/busy.rss"});
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(state("/busy.rss", "due_reason"), "retry-after");
  EXPECT_EQ(state("/busy.rss", "next_due - last_fetched"), "5400");
  EXPECT_EQ(state("/busy.rss", "consecutive_failures"), "1");
  ASSERT_EQ(run().exit_code, 0);
  EXPECT_EQ(m_server.request_count("/busy.rss"), 1u);
}

TEST_F(ScheduleE2e, CronHearsOfAFailureWhenItStartsAndWhenItRecoversOnly) {
  std::atomic<int> status{500};
  m_server.server().Get("/flaky.rss", [&](const httplib::Request&, httplib::Response& res) {
    res.status = status.load();
    if (res.status == 200) {
      res.set_content(rss(""), "application/rss+xml");
    }
  });
  planet({"/flaky.rss"});
  ProcessResult first = run();
  ASSERT_EQ(first.exit_code, 0);
  EXPECT_NE(first.err.find("warning: feed " + m_server.url("/flaky.rss") + ": fetch: HTTP 500"),
            std::string::npos)
      << first.err;
  EXPECT_EQ(state("/flaky.rss", "due_reason"), "backoff");
  EXPECT_NE(state("/flaky.rss", "failing_since"), "<none>");

  ProcessResult second = run({"--all"});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(m_server.request_count("/flaky.rss"), 2u);
  EXPECT_EQ(second.err.find("flaky.rss"), std::string::npos) << "said again: " << second.err;
  EXPECT_EQ(state("/flaky.rss", "consecutive_failures"), "2");

  status = 200;
  ProcessResult third = run({"--all"});
  ASSERT_EQ(third.exit_code, 0);
  EXPECT_NE(third.err.find("/flaky.rss: recovered after 2 failures"), std::string::npos)
      << third.err;
  EXPECT_EQ(state("/flaky.rss", "failing_since"), "<none>");

  ProcessResult fourth = run({"--all"});
  EXPECT_EQ(fourth.err.find("flaky.rss"), std::string::npos) << fourth.err;
}

TEST_F(ScheduleE2e, BacklogOfFailuresBacksOff) {
  CannedResponse down;
  down.status = 500;
  m_server.serve("/down.rss", down);
  planet({"/down.rss"});
  long long previous = 0;
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(run({"--all"}).exit_code, 0);
    const long long wait = std::stoll(state("/down.rss", "next_due - last_fetched"));
    EXPECT_GT(wait, previous) << "poll " << i;
    EXPECT_LE(wait, 86400);
    previous = wait;
  }
  EXPECT_GE(previous, 2400 - 240);  // 300 s doubled three times
}

TEST_F(ScheduleE2e, PermanentMoveIsRecordedAndTheNewAddressIsFetchedNextTime) {
  m_server.redirect("/old.rss", 301, "/new.rss");
  m_server.serve("/new.rss", rss(""), "application/rss+xml");
  planet({"/old.rss"});
  ProcessResult first = run();
  ASSERT_EQ(first.exit_code, 0);
  EXPECT_NE(first.err.find("moved permanently to " + m_server.url("/new.rss")), std::string::npos)
      << first.err;
  EXPECT_EQ(state("/old.rss", "moved_to"), m_server.url("/new.rss"));
  ProcessResult second = run({"--all"});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(m_server.request_count("/old.rss"), 1u);
  EXPECT_EQ(m_server.request_count("/new.rss"), 2u);
  EXPECT_EQ(second.err.find("moved permanently"), std::string::npos) << second.err;
}

TEST_F(ScheduleE2e, RecoveredParseIsReportedOnceAndIsNotAFailure) {
  // Ill-formed (a bare '&'), read with recovery. The second copy differs, so it is parsed again
  // (an unchanged body is skipped by its hash).
  std::atomic<int> version{1};
  m_server.server().Get("/bozo.rss", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>A & B</title>"
        "<link>http://b.example/</link><item><title>x</title><guid>g" +
            std::to_string(version.load()) + "</guid></item></channel></rss>\n",
        "application/rss+xml");
  });
  planet({"/bozo.rss"});
  ProcessResult first = run();
  ASSERT_EQ(first.exit_code, 0);
  EXPECT_NE(first.err.find("(recovered; shown once)"), std::string::npos) << first.err;
  EXPECT_EQ(state("/bozo.rss", "consecutive_failures"), "0");
  EXPECT_NE(state("/bozo.rss", "recovered_since"), "<none>");
  EXPECT_NE(state("/bozo.rss", "recovered_warning"), "");
  version = 2;
  ProcessResult second = run({"--all"});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(m_server.request_count("/bozo.rss"), 2u);
  EXPECT_EQ(second.err.find("bozo.rss"), std::string::npos) << second.err;
  EXPECT_EQ(state("/bozo.rss", "consecutive_failures"), "0");
}

TEST_F(ScheduleE2e, AllContradictsOfflineAndOnlyIfNew) {
  planet({"/none.rss"});
  EXPECT_EQ(run({"--all", "-o"}).exit_code, 2);
  EXPECT_EQ(run({"--all", "-n"}).exit_code, 2);
  EXPECT_EQ(m_server.request_count("/none.rss"), 0u);
}

}  // namespace
}  // namespace orrery::test
