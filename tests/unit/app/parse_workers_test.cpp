#include "app/parse_workers.h"

#include <gtest/gtest.h>

#include <set>

namespace orrery::app {
namespace {

ParseJob job_for(std::int64_t feed_id, std::string body, const config::FeedSettings& settings) {
  ParseJob job;
  job.settings = &settings;
  job.result.feed_id = feed_id;
  job.result.url = "http://example.org/" + std::to_string(feed_id);
  job.result.body = std::move(body);
  return job;
}

std::string rss(int items) {
  std::string body = "<rss version=\"2.0\"><channel><title>T</title>";
  for (int i = 0; i < items; ++i) {
    body += "<item><title>Item " + std::to_string(i) + "</title><guid>g" + std::to_string(i) +
            "</guid></item>";
  }
  return body + "</channel></rss>";
}

TEST(ParseJob, FeedBodyGivesANormalisedFeed) {
  config::FeedSettings settings;
  ParseJob job = job_for(1, rss(3), settings);
  run_parse_job(job);
  ASSERT_TRUE(job.feed.has_value()) << job.error;
  EXPECT_EQ(job.feed->entries.size(), 3u);
  EXPECT_EQ(job.feed->entries[0].key, "g0");
  EXPECT_EQ(job.error, "");
}

TEST(ParseJob, NonFeedBodyGivesAnErrorAndNoFeed) {
  config::FeedSettings settings;
  ParseJob job = job_for(1, "<html><body>hello</body></html>", settings);
  run_parse_job(job);
  EXPECT_FALSE(job.feed.has_value());
  EXPECT_NE(job.error, "");
}

TEST(ParseJob, RecoveredDocumentCarriesAWarning) {
  config::FeedSettings settings;
  ParseJob job = job_for(1, "<rss version=\"2.0\"><channel><title>A &nbsp; B</title>", settings);
  run_parse_job(job);
  ASSERT_TRUE(job.feed.has_value()) << job.error;
  EXPECT_NE(job.warning, "");
}

TEST(ParseWorkers, EveryJobComesBackExactlyOnceWhateverTheThreadCount) {
  config::FeedSettings settings;
  for (unsigned threads : {0u, 1u, 3u}) {
    ParseWorkers workers(threads, 2);
    std::multiset<std::int64_t> seen;
    for (std::int64_t id = 1; id <= 40; ++id) {
      workers.submit(job_for(id, rss(static_cast<int>(id % 5)), settings));
      for (ParseJob& done : workers.take_finished()) {
        seen.insert(done.result.feed_id);
      }
    }
    for (ParseJob& done : workers.wait_all()) {
      EXPECT_TRUE(done.feed.has_value());
      seen.insert(done.result.feed_id);
    }
    EXPECT_EQ(seen.size(), 40u) << threads << " threads";
    for (std::int64_t id = 1; id <= 40; ++id) {
      EXPECT_EQ(seen.count(id), 1u) << "feed " << id << " with " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace orrery::app
