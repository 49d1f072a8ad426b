// End-to-end tests of the store's environment: import-venus, expunge, a database another
// process holds locked, a full disk. The real orrery binary; feeds served on 127.0.0.1.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>

#include "db_check.h"
#include "support/http_server.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace orrery::test {
namespace {

std::size_t lines(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

// --- import-venus ------------------------------------------------------------------------

class ImportVenusE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy(data_path("app/venus-cache"), m_dir / "venus",
                          std::filesystem::copy_options::recursive);
    m_config = m_dir.write("planet.ini", slurp(data_path("app/venus-planet.ini")));
  }

  ProcessResult import() {
    return run_process(
        {orrery_binary(), "import-venus", "-c", m_config.string(), (m_dir / "venus").string()});
  }

  std::filesystem::path db() const { return m_dir / "cache/orrery.db"; }

  TempDir m_dir;
  std::filesystem::path m_config;
};

TEST_F(ImportVenusE2e, ImportsTheCacheAndSaysWhatCameOver) {
  ProcessResult r = import();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("7 entry files: 6 new, 0 updated, 0 already stored; 1 of feeds not in "
                       "the config (kept until expunged), 1 unreadable"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("stray.html: not a Venus cache entry"), std::string::npos) << r.err;
  EXPECT_EQ(query_value(db(), "SELECT COUNT(*) FROM entries"), "6");
  EXPECT_EQ(query_value(db(),
                        "SELECT f.url FROM entries e JOIN feeds f ON f.id = e.feed_id "
                        "WHERE e.link = 'http://beta.example/2023/07/hello.html'"),
            "http://beta.example/rss");
  // What Venus's sources/ file kept per feed comes over with it (store schema 8).
  EXPECT_EQ(query_value(db(),
                        "SELECT format || ' ' || bozo FROM feeds "
                        "WHERE url = 'http://beta.example/rss'"),
            "rss20 0");
  EXPECT_EQ(store_invariant_violation(db()), "");
}

TEST_F(ImportVenusE2e, ImportingTwiceAddsNothing) {
  ASSERT_EQ(import().exit_code, 0);
  Rows first = entry_content(db());
  ProcessResult again = import();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 new, 0 updated, 6 already stored"), std::string::npos) << again.out;
  EXPECT_EQ(entry_content(db()), first);
}

TEST_F(ImportVenusE2e, AMissingDirectoryIsOneLineNamingIt) {
  ProcessResult r = run_process(
      {orrery_binary(), "import-venus", "-c", m_config.string(), (m_dir / "none").string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find((m_dir / "none").string()), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1U) << r.err;
}

// --- a served planet: expunge, locked database, full disk ----------------------------------

class StoreE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    set_feed("/a.atom", synthetic_atom_feed("alpha", 12, 200));
    set_feed("/b.atom", synthetic_atom_feed("beta", 12, 200));
    for (const char* path : {"/a.atom", "/b.atom"}) {
      m_server.server().Get(path, [this, path](const httplib::Request&, httplib::Response& res) {
        std::lock_guard<std::mutex> guard(m_mutex);
        const CannedResponse& canned = m_feeds.at(path);
        res.status = canned.status;
        res.set_content(canned.body, canned.content_type);
      });
    }
    write_config("cache_keep_entries = 5\n", true);
  }

  // What GET `path` answers from now on.
  void set_feed(const std::string& path, std::string body, int status = 200) {
    std::lock_guard<std::mutex> guard(m_mutex);
    m_feeds[path] = CannedResponse{status, std::move(body), "application/atom+xml", {}};
  }

  void write_config(const std::string& planet_keys, bool with_beta) {
    std::string text =
        "[Planet]\nname = Store Planet\ncache_directory = cache\n"
        "output_dir = public\n" +
        planet_keys + "\n[" + m_server.url("/a.atom") + "]\nname = Alpha\n";
    if (with_beta) {
      text += "\n[" + m_server.url("/b.atom") + "]\nname = Beta\n";
    }
    m_config = m_dir.write("planet.ini", text);
  }

  ProcessResult orrery(const std::string& command, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{orrery_binary(), command, "-c", m_config.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv);
  }

  std::string count(const std::string& where = "1") {
    return query_value(db(),
                       "SELECT COUNT(*) FROM entries e JOIN feeds f ON f.id = e.feed_id "
                       "WHERE " +
                           where);
  }

  std::filesystem::path db() const { return m_dir / "cache/orrery.db"; }

  TempDir m_dir;
  std::mutex m_mutex;
  std::map<std::string, CannedResponse> m_feeds;
  HttpServer m_server;  // after what its handlers use: stopped before they go
  std::filesystem::path m_config;
};

TEST_F(StoreE2e, RunKeepsEverythingAndExpungeKeepsTheNewestPerFeed) {
  ASSERT_EQ(orrery("run").exit_code, 0);
  EXPECT_EQ(count(), "24") << "a run never expunges by itself";
  ProcessResult r = orrery("expunge");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(), "10");
  // The newest five of alpha stay (posts 7 to 11 are the latest dates).
  EXPECT_EQ(count("e.title_plain = 'alpha post 11'"), "1");
  EXPECT_EQ(count("e.title_plain = 'alpha post 6'"), "0");
  // Expunged entries do not come back as new while the feed still lists them.
  ASSERT_EQ(orrery("run").exit_code, 0);
  EXPECT_EQ(count(), "10");
}

// One normalise path: what `orrery parse --json --as-stored` prints of a feed is what
// `orrery run` stores of it (the subscription's config keys aside: a bare parse has none).
TEST_F(StoreE2e, ParseAsStoredIsWhatTheRunStores) {
  set_feed("/a.atom", slurp(data_path("store/venus_fields.atom")));
  ASSERT_EQ(orrery("run").exit_code, 0);
  ProcessResult parsed =
      run_process({orrery_binary(), "parse", m_server.url("/a.atom"), "--json", "--as-stored"});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  const nlohmann::json doc = nlohmann::json::parse(parsed.out);
  const std::string feed = "f.url = '" + m_server.url("/a.atom") + "'";
  ASSERT_EQ(doc["entries"].size(), 2u);
  EXPECT_EQ(count(feed), "2");
  for (const nlohmann::json& entry : doc["entries"]) {
    const std::string id = entry["id"].get<std::string>();
    const std::string row = "SELECT {} FROM entries e JOIN feeds f ON f.id = e.feed_id WHERE " +
                            feed + " AND e.key = '" + id + "'";
    auto column = [&](const std::string& name) {
      std::string sql = row;
      sql.replace(sql.find("{}"), 2, name);
      return query_value(db(), sql);
    };
    EXPECT_EQ(column("e.guid"), id);
    EXPECT_EQ(column("e.link"), entry.value("link", ""));
    EXPECT_EQ(column("e.title_type"),
              entry["title_detail"]["type"] == "text/plain" ? "text" : "html");
    EXPECT_EQ(column("e.source_id"), entry["source"]["id"].get<std::string>());
    EXPECT_EQ(column("e.source_title_plain"), entry["source"]["title"].get<std::string>());
    EXPECT_EQ(column("e.source_icon"), entry["source"].value("icon", ""));
    EXPECT_EQ(column("e.source_logo"), entry["source"].value("logo", ""));
    EXPECT_EQ(column("e.source_author_email"), entry["source"]["author_detail"].value("email", ""));
    EXPECT_EQ(column("e.language"), entry.value("language", "en"));
    for (const char* key : {"format", "bozo"}) {
      EXPECT_EQ(column("(SELECT b FROM entry_parts p WHERE p.entry_id = e.id AND "
                       "p.kind = 'planet' AND p.a = '" +
                       std::string(key) + "')"),
                entry["source"]["planet_" + std::string(key)].get<std::string>());
    }
    if (entry.contains("updated_parsed")) {
      EXPECT_NE(column("e.claimed"), "<null>") << id;
    }
  }
  const nlohmann::json& first = doc["entries"][0];
  EXPECT_EQ(first["id"], "tag:fields.example,2026:1");
  const std::string one = "SELECT {} FROM entries e WHERE e.key = 'tag:fields.example,2026:1'";
  auto of_one = [&](const std::string& what) {
    std::string sql = one;
    sql.replace(sql.find("{}"), 2, what);
    return query_value(db(), sql);
  };
  EXPECT_EQ(of_one("e.author_email"), first["author_detail"]["email"]);
  EXPECT_EQ(of_one("e.author_href"), first["author_detail"]["href"]);
  EXPECT_EQ(of_one("printf('%f', e.geo_lat)"), first["geo_lat"]);
  EXPECT_EQ(of_one("printf('%f', e.geo_long)"), first["geo_long"]);
  EXPECT_EQ(of_one("e.rights_html"), first["rights"]);
  ASSERT_EQ(first["tags"].size(), 1u);  // the category without a term is not kept
  EXPECT_EQ(of_one("(SELECT term || ' ' || scheme || ' ' || label FROM entry_tags t "
                   "WHERE t.entry_id = e.id)"),
            "news http://fields.example/cats News");
  EXPECT_EQ(of_one("(SELECT a FROM entry_parts p WHERE p.entry_id = e.id AND "
                   "p.kind = 'contributor')"),
            first["contributors"][0]["name"]);
  EXPECT_EQ(of_one("(SELECT count(*) FROM entry_parts p WHERE p.entry_id = e.id AND "
                   "p.kind = 'link')"),
            std::to_string(first["links"].size()));
  // The entry without an id is stored under Venus's: its title's base, "/", md5 of the title.
  const std::string second = doc["entries"][1]["id"];
  EXPECT_NE(second.find("/a.atom/"), std::string::npos) << second;

  // With the config, the subscription's keys too: every planet: element as stored.
  ProcessResult configured = run_process({orrery_binary(), "parse", m_server.url("/a.atom"),
                                          "--json", "--as-stored", "-c", m_config.string()});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  const nlohmann::json source = nlohmann::json::parse(configured.out)["entries"][0]["source"];
  Rows planet = query_rows(db(),
                           "SELECT a, b FROM entry_parts p JOIN entries e ON e.id = p.entry_id "
                           "WHERE e.key = 'tag:fields.example,2026:1' AND p.kind = 'planet' "
                           "ORDER BY p.position");
  ASSERT_FALSE(planet.empty());
  for (const auto& row : planet) {
    EXPECT_EQ(source.value("planet_" + row[0], "(absent)"), row[1]) << row[0];
  }
  EXPECT_EQ(source["planet_name"], "Alpha");
  ProcessResult stranger = run_process({orrery_binary(), "parse", m_server.url("/elsewhere.atom"),
                                        "--json", "--as-stored", "-c", m_config.string()});
  EXPECT_EQ(stranger.exit_code, 1);
  EXPECT_NE(stranger.err.find("is no feed of this config"), std::string::npos) << stranger.err;
}

// Beta relays alpha's posts: shown once (alpha had them first), both copies stored; with
// merge_duplicates = no, every copy is shown, as in Venus.
TEST_F(StoreE2e, ARelayedPostIsShownOnceUnlessMergeDuplicatesIsOff) {
  set_feed("/b.atom", synthetic_atom_feed("alpha", 12, 200));
  write_config("items_per_page = 100\n", true);
  ASSERT_EQ(orrery("run").exit_code, 0);
  EXPECT_EQ(count(), "24");
  auto shown = [this](const std::string& title) {
    std::string page = slurp(m_dir / "public/index.html");
    std::size_t n = 0;
    for (std::size_t at = page.find(title); at != std::string::npos;
         at = page.find(title, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(shown("alpha post 11<"), 1u);
  write_config("items_per_page = 100\nmerge_duplicates = no\n", true);
  ProcessResult r = orrery("run");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("merge_duplicates"), std::string::npos) << r.err;  // a known key
  EXPECT_EQ(shown("alpha post 11<"), 2u);
}

TEST_F(StoreE2e, RunWithExpungeExpungesAfterTheRun) {
  ProcessResult r = orrery("run", {"--expunge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(), "10");
}

TEST_F(StoreE2e, AFeedRemovedFromTheConfigGoesOnlyWithExpunge) {
  ASSERT_EQ(orrery("run").exit_code, 0);
  write_config("cache_keep_entries = 0\n", false);
  ASSERT_EQ(orrery("run").exit_code, 0);
  EXPECT_EQ(count("f.url LIKE '%/b.atom'"), "12") << "a run never removes a feed's entries";
  ASSERT_EQ(orrery("expunge").exit_code, 0);
  EXPECT_EQ(count("f.url LIKE '%/b.atom'"), "0");
  EXPECT_EQ(count("f.url LIKE '%/a.atom'"), "12") << "cache_keep_entries = 0 keeps all";
}

TEST_F(StoreE2e, AFailingFeedLosesNoEntryEvenWithExpunge) {
  ASSERT_EQ(orrery("run").exit_code, 0);
  write_config("cache_keep_entries = 0\n", true);
  set_feed("/b.atom", "oops", 500);
  ProcessResult r = orrery("run", {"--all", "--expunge"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("f.url LIKE '%/b.atom'"), "12");
}

TEST_F(StoreE2e, ABadCacheKeepValueIsOneLineNamingTheKey) {
  write_config("cache_keep_days = soon\n", true);
  ProcessResult r = orrery("expunge");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("planet.ini:5: cache_keep_days: \"soon\" is not a number"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(lines(r.err), 1U) << r.err;
}

// Another process holds a write transaction on orrery.db (as a stuck sqlite3 shell would).
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

TEST_F(StoreE2e, ALockedDatabaseFailsTheRunInOneLineNamingItAndLosesNothing) {
  ASSERT_EQ(orrery("run").exit_code, 0);
  Rows before = entry_content(db());
  set_feed("/a.atom", synthetic_atom_feed("alpha", 20, 200));
  ProcessResult r;
  {
    HeldWriteLock lock(db());
    r = orrery("run", {"--all"});  // waits busy_timeout, then gives up
  }
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(db().string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("locked"), std::string::npos) << r.err;
  EXPECT_EQ(lines(r.err), 1U) << r.err;
  EXPECT_EQ(store_invariant_violation(db()), "");
  EXPECT_EQ(entry_content(db()), before);
  // Released, the next run stores the new entries.
  ASSERT_EQ(orrery("run", {"--all"}).exit_code, 0);
  EXPECT_EQ(count(), "32");
}

// The disk fills while orrery writes: strace fails every pwrite64 (SQLite's writes to the
// database, its WAL and shared memory) with ENOSPC from the Nth on.
class FullDiskE2e : public StoreE2e {
 protected:
  void SetUp() override {
    StoreE2e::SetUp();
    if (!std::filesystem::exists(m_strace)) {
      GTEST_SKIP() << "strace is not installed (apt-get install strace)";
    }
    ASSERT_EQ(orrery("run").exit_code, 0);
    m_before = entry_content(db());
    m_page = slurp(m_dir / "public/index.html");
    set_feed("/a.atom", synthetic_atom_feed("alpha", 40, 2000));
    set_feed("/b.atom", synthetic_atom_feed("beta", 40, 2000));
  }

  ProcessResult traced(const std::filesystem::path& config, const std::string& inject) {
    std::vector<std::string> argv{m_strace.string(),
                                  "-f",
                                  "-qq",
                                  "-o",
                                  (config.parent_path() / "strace.log").string(),
                                  "-e",
                                  "trace=pwrite64",
                                  "-E",
                                  no_leak_check()};
    if (!inject.empty()) {
      argv.insert(argv.end(), {"-e", "inject=pwrite64:error=ENOSPC:when=" + inject});
    }
    argv.insert(argv.end(), {orrery_binary(), "run", "--all", "-c", config.string()});
    return run_process(argv);
  }

  // LeakSanitizer cannot run under ptrace: an ASan build's orrery runs without it under strace.
  static std::string no_leak_check() {
    const char* options = std::getenv("ASAN_OPTIONS");
    std::string value = options != nullptr ? std::string(options) + ":" : "";
    return "ASAN_OPTIONS=" + value + "detect_leaks=0";
  }

  // How many pwrite64 calls the next run makes, counted on a copy of the planet.
  std::size_t writes_of_next_run() {
    TempDir twin;
    std::filesystem::copy(m_dir / "cache", twin / "cache",
                          std::filesystem::copy_options::recursive);
    std::filesystem::path config = twin / "planet.ini";
    std::filesystem::copy_file(m_config, config);
    ProcessResult r = traced(config, "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string log = slurp(twin / "strace.log");
    std::size_t n = 0;
    for (std::size_t pos = log.find("pwrite64("); pos != std::string::npos;
         pos = log.find("pwrite64(", pos + 1)) {
      ++n;
    }
    return n;
  }

  // What must hold after the failed run, and the run after it (space again) stores it all.
  void expect_nothing_lost(const ProcessResult& r) {
    if (r.err.find("strace: ") != std::string::npos &&
        r.err.find("Operation not permitted") != std::string::npos) {
      GTEST_SKIP() << "ptrace is not permitted here: " << r.err;
    }
    EXPECT_NE(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find(db().string()), std::string::npos) << r.err;
    EXPECT_EQ(store_invariant_violation(db()), "");
    EXPECT_EQ(entry_content(db()), m_before);
    EXPECT_EQ(slurp(m_dir / "public/index.html"), m_page) << "the old page stays whole";
    ASSERT_EQ(orrery("run", {"--all"}).exit_code, 0);
    EXPECT_EQ(count(), "80");
  }

  const std::filesystem::path m_strace = "/usr/bin/strace";
  Rows m_before;
  std::string m_page;
};

TEST_F(FullDiskE2e, FullWhenTheDatabaseOpensFailsTheRunAndLosesNothing) {
  ProcessResult r = traced(m_config, "1+");
  EXPECT_NE(r.err.find("disk"), std::string::npos) << r.err;
  expect_nothing_lost(r);
}

TEST_F(FullDiskE2e, FullHalfwayThroughTheBatchFailsTheRunAndLosesNothing) {
  std::size_t writes = writes_of_next_run();
  ASSERT_GT(writes, 4U);
  ProcessResult r = traced(m_config, std::to_string(writes / 2) + "+");
  EXPECT_NE(r.err.find("full"), std::string::npos) << r.err;
  expect_nothing_lost(r);
}

}  // namespace
}  // namespace orrery::test
