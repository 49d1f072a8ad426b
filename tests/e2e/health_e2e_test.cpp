// End-to-end: a planet with an ok feed, a 404, a 410, a 301, a timeout and a missing local file
// served from 127.0.0.1. After one run, `orrery status` and `--json` report each feed's state in
// plain words, and feeds.html (checked with html5lib by check_health.py) lists the failing
// feeds first and names no path of the machine. status reads beside a writer: the run lock
// held and a write transaction open do not stop it.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* k_rss =
    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>"
    "<link>https://site.example/</link><item><title>One</title><link>https://site.example/1</link>"
    "<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item></channel></rss>";

class HealthE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    m_server.serve("/ok.rss", k_rss, "application/rss+xml");
    m_server.serve("/new.rss", k_rss, "application/rss+xml");
    m_server.redirect("/old.rss", 301, "/new.rss");
    m_server.serve("/missing.rss", CannedResponse{404, "no such feed", "text/plain", {}});
    m_server.serve("/gone.rss", CannedResponse{410, "gone", "text/plain", {}});
    m_server.stall("/slow.rss");
    m_config = m_dir.write(
        "planet.ini",
        "[Planet]\nname = Health Planet\ncache_directory = cache\noutput_dir = public\n"
        "feed_timeout = 2\nlog_level = ERROR\n"
        "[" +
            m_server.url("/ok.rss") + "]\nname = Olga\n" + "[" + m_server.url("/missing.rss") +
            "]\nname = Nina\n" + "[" + m_server.url("/gone.rss") + "]\nname = Gary\n" + "[" +
            m_server.url("/old.rss") + "]\nname = Mo\n" + "[" + m_server.url("/slow.rss") +
            "]\nname = Tom\n" + "[file://" + (m_dir / "nowhere.xml").string() +
            "]\nname = Local\n");
  }

  ProcessResult orrery(std::vector<std::string> args) {
    args.insert(args.begin(), orrery_binary());
    args.insert(args.end(), {"-c", m_config.string()});
    return run_process(args);
  }

  const json* feed_named(const json& doc, const std::string& name) {
    for (const json& f : doc["feeds"]) {
      if (f["name"] == name) {
        return &f;
      }
    }
    ADD_FAILURE() << "no feed named " << name;
    return nullptr;
  }

  TempDir m_dir;
  HttpServer m_server;
  std::filesystem::path m_config;
};

TEST_F(HealthE2e, StatusBeforeAnyRunSaysThereIsNoDatabase) {
  ProcessResult status = orrery({"status"});
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_THAT(status.err, HasSubstr("orrery.db"));
  EXPECT_FALSE(std::filesystem::exists(m_dir / "cache" / "orrery.db"));
}

TEST_F(HealthE2e, StatusTellsEachFeedsStateInPlainWords) {
  ASSERT_EQ(orrery({"run"}).exit_code, 0);
  ProcessResult status = orrery({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;  // failing feeds do not change the exit code
  EXPECT_THAT(status.out, StartsWith("Health Planet: 6 feeds: "));
  EXPECT_THAT(status.out, HasSubstr("3 failing, 1 gone"));
  EXPECT_THAT(status.out, HasSubstr("failing  Nina  " + m_server.url("/missing.rss")));
  EXPECT_THAT(status.out, HasSubstr("the server answers 404 Not Found"));
  EXPECT_THAT(status.out, HasSubstr("gone since "));
  EXPECT_THAT(status.out, HasSubstr(": the server answers 410 Gone: the feed was removed"));
  EXPECT_THAT(status.out, HasSubstr("the server did not answer within 2 s"));
  EXPECT_THAT(status.out, HasSubstr("the file cannot be read"));
  EXPECT_THAT(status.out, HasSubstr("last HTTP status 404; 1 failure in a row; failing since"));
  // The worst first: failing feeds before the gone one, the ok feeds last.
  EXPECT_LT(status.out.find("failing  "), status.out.find("gone  Gary"));
  EXPECT_LT(status.out.find("gone  Gary"), status.out.find("ok  Olga"));
}

TEST_F(HealthE2e, StatusJsonIsTheDocumentedObject) {
  ASSERT_EQ(orrery({"run"}).exit_code, 0);
  ProcessResult status = orrery({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json doc = json::parse(status.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << status.out;
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["planet"], "Health Planet");
  EXPECT_EQ(doc["summary"]["feeds"], 6);
  EXPECT_EQ(doc["summary"]["failing"], 3);
  EXPECT_EQ(doc["summary"]["gone"], 1);
  EXPECT_EQ(doc["feeds"][0]["state"], "failing");
  if (const json* nina = feed_named(doc, "Nina")) {
    EXPECT_EQ((*nina)["state"], "failing");
    EXPECT_EQ((*nina)["last_status"], 404);
    EXPECT_EQ((*nina)["words"], "the server answers 404 Not Found");
    EXPECT_EQ((*nina)["consecutive_failures"], 1);
    EXPECT_TRUE((*nina)["since"].is_string());
    EXPECT_EQ((*nina)["url"], m_server.url("/missing.rss"));
    EXPECT_EQ((*nina)["error"], "HTTP 404 Not Found");  // the operator's own line too
  }
  if (const json* gary = feed_named(doc, "Gary")) {
    EXPECT_EQ((*gary)["state"], "gone");
    EXPECT_EQ((*gary)["last_status"], 410);
  }
  if (const json* tom = feed_named(doc, "Tom")) {
    EXPECT_EQ((*tom)["words"], "the server did not answer within 2 s");
  }
  if (const json* olga = feed_named(doc, "Olga")) {
    EXPECT_EQ((*olga)["state"], "ok");
    EXPECT_EQ((*olga)["entries_kept"], 1);
    EXPECT_EQ((*olga)["newest_entry"], "2026-12-01T10:00:00Z");
  }
}

TEST_F(HealthE2e, AMovedFeedNamesItsNewAddress) {
  ASSERT_EQ(orrery({"run"}).exit_code, 0);
  ProcessResult status = orrery({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json doc = json::parse(status.out);
  if (const json* mo = feed_named(doc, "Mo")) {
    EXPECT_EQ((*mo)["state"], "moved");
    EXPECT_EQ((*mo)["moved_to"], m_server.url("/new.rss"));
  }
  EXPECT_EQ(doc["summary"]["moved"], 1);
}

TEST_F(HealthE2e, HealthPageListsFailingFeedsFirstAndNoLocalPath) {
  ASSERT_EQ(orrery({"run"}).exit_code, 0);
  ASSERT_TRUE(std::filesystem::exists(m_dir / "public" / "feeds.html"));
  ASSERT_TRUE(std::filesystem::exists(m_dir / "public" / "health.json"));
  // The first failing feed by name is Local (a file the planet cannot read): its words, never
  // its path; no path of this machine anywhere in either output.
  ProcessResult check =
      run_process({ORRERY_VALIDATOR_PYTHON, std::string(ORRERY_E2E_DIR) + "/check_health.py",
                   (m_dir / "public").string(), "the file cannot be read", m_dir.path().string(),
                   "nowhere.xml", "file:"});
  if (check.exit_code == 77) {
    GTEST_SKIP() << check.out;
  }
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const std::string page = slurp(m_dir / "public" / "feeds.html");
  EXPECT_THAT(page, HasSubstr("the server answers 404 Not Found"));
  EXPECT_THAT(page, Not(HasSubstr("Couldn&#39;t open")));
}

TEST_F(HealthE2e, StatusReadsWhileTheLockIsHeldAndAWriteIsOpen) {
  ASSERT_EQ(orrery({"run"}).exit_code, 0);
  // What a running daemon holds: the run lock, and at times a write transaction.
  const std::string lock_path = (m_dir / "cache" / "orrery.lock").string();
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  sqlite3* writer = nullptr;
  ASSERT_EQ(sqlite3_open((m_dir / "cache" / "orrery.db").c_str(), &writer), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(writer,
                         "BEGIN IMMEDIATE; "
                         "UPDATE feeds SET consecutive_failures = consecutive_failures;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ProcessResult status = orrery({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, StartsWith("Health Planet: 6 feeds: "));
  // A run, by contrast, finds the lock taken.
  EXPECT_EQ(orrery({"run"}).exit_code, 75);
  sqlite3_exec(writer, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(writer);
  ::close(fd);
}

}  // namespace
}  // namespace orrery::test
