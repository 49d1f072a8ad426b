// The archive plan (render/archive.h): which pages exist, from entry stamps alone, and which of
// them a change touches (their fingerprints).

#include "render/archive.h"

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"
#include "model/limits.h"

namespace orrery::render::test {
namespace {

model::EntryStamp stamp(std::int64_t id, std::int64_t feed_id, const std::string& url,
                        util::TimePoint updated, std::int64_t digest = 1) {
  model::EntryStamp s;
  s.entry_id = id;
  s.feed_id = feed_id;
  s.feed_url = url;
  s.updated = updated;
  s.first_seen = updated;
  s.digest = digest;
  return s;
}

// Ann posts on 29 July and 2 June, Bob on 20 July and 31 May (newest first).
void fill(Planet& p) {
  p.input.archive = {stamp(10, 1, Planet::k_ann, at(2023, 7, 29, 11, 0)),
                     stamp(11, 2, Planet::k_bob, at(2023, 7, 20, 9, 0)),
                     stamp(12, 1, Planet::k_ann, at(2023, 6, 2, 8, 0)),
                     stamp(13, 2, Planet::k_bob, at(2023, 5, 31, 23, 0))};
}

std::vector<std::string> paths(const ArchivePlan& plan) {
  std::vector<std::string> out;
  for (const ArchivePage& page : plan.pages) {
    out.push_back(page.path);
  }
  return out;
}

const ArchivePage& page(const ArchivePlan& plan, const std::string& path) {
  for (const ArchivePage& p : plan.pages) {
    if (p.path == path) {
      return p;
    }
  }
  throw std::runtime_error("no page " + path);
}

// The paths whose fingerprint differs between two plans (or that only one of them has).
std::set<std::string> changed(const ArchivePlan& a, const ArchivePlan& b) {
  std::map<std::string, std::string> before;
  for (const ArchivePage& p : a.pages) {
    before[p.path] = p.fingerprint;
  }
  std::set<std::string> out;
  for (const ArchivePage& p : b.pages) {
    auto it = before.find(p.path);
    if (it == before.end() || it->second != p.fingerprint) {
      out.insert(p.path);
    }
    before.erase(p.path);
  }
  for (const auto& [path, print] : before) {
    out.insert(path);
  }
  return out;
}

TEST(ArchivePlan, MonthPagesNewestFirstThenFeedPagesThenTheIndex) {
  Planet p;
  fill(p);
  ArchivePlan plan = plan_archive(p.input, 1, "theme");
  EXPECT_EQ(paths(plan), (std::vector<std::string>{"archive/2023/07.html", "archive/2023/06.html",
                                                   "archive/2023/05.html", "feeds/ann-s-notes.html",
                                                   "feeds/bob-builds.html", "archives.html"}));
  const ArchivePage& july = page(plan, "archive/2023/07.html");
  EXPECT_EQ(july.title, "July 2023");
  EXPECT_EQ(july.entry_ids, (std::vector<std::int64_t>{10, 11}));
  EXPECT_EQ(july.newer, "");
  EXPECT_EQ(july.older, "archive/2023/06.html");
  EXPECT_EQ(page(plan, "archive/2023/06.html").newer, "archive/2023/07.html");
  EXPECT_EQ(page(plan, "feeds/ann-s-notes.html").entry_ids, (std::vector<std::int64_t>{10, 12}));
  EXPECT_EQ(plan.feed_pages.at(Planet::k_bob), "feeds/bob-builds.html");
  EXPECT_EQ(plan.feed_pages.count(Planet::k_gone), 0u) << "no entries, no page";
}

TEST(ArchivePlan, TheFrontPageLinksTheMonthOfTheFirstEntryItLeavesOut) {
  Planet p;
  fill(p);
  EXPECT_EQ(plan_archive(p.input, 1, "").older, "archive/2023/07.html");
  EXPECT_EQ(plan_archive(p.input, 2, "").older, "archive/2023/06.html");
  EXPECT_EQ(plan_archive(p.input, 4, "").older, "") << "nothing left out";
}

TEST(ArchivePlan, MonthsFollowThePlanetsTimeZone) {
  Planet p;
  // 31 May 23:00 UTC is 1 June in a zone two hours east (a fixed-offset TZif, v1 body only).
  std::string tzif = std::string("TZif") + std::string(16, '\0');
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  tzif += be32(0) + be32(0) + be32(0) + be32(0) + be32(1) + be32(4);
  tzif += be32(7200) + std::string(2, '\0') + std::string("EET", 4);
  auto zone = util::TimeZone::from_tzif(tzif, "Test/East");
  ASSERT_TRUE(zone) << zone.error().message;
  p.config.planet.time_zone = *zone;
  p.input.archive = {stamp(13, 2, Planet::k_bob, at(2023, 5, 31, 23, 0))};
  EXPECT_EQ(paths(plan_archive(p.input, 0, "")).front(), "archive/2023/06.html");
}

TEST(ArchivePlan, ABusyMonthContinuesOnPartsCountedFromItsOldestEntry) {
  Planet p;
  const std::size_t per_page = model::limits::k_max_month_page_entries;
  for (std::size_t i = 0; i < per_page + 3; ++i) {  // newest first, all in July
    p.input.archive.push_back(stamp(static_cast<std::int64_t>(1000 - i), 1, Planet::k_ann,
                                    at(2023, 7, 28, 0, 0) - std::chrono::minutes(i)));
  }
  ArchivePlan plan = plan_archive(p.input, 0, "");
  const ArchivePage& first = page(plan, "archive/2023/07.html");
  const ArchivePage& second = page(plan, "archive/2023/07-2.html");
  EXPECT_EQ(first.entry_ids.size(), per_page);
  EXPECT_EQ(second.entry_ids.size(), 3u) << "the newest three";
  EXPECT_EQ(second.entry_ids.front(), 1000);
  EXPECT_EQ(second.title, "July 2023, part 2");
  EXPECT_EQ(second.older, "archive/2023/07.html");
  // A new entry changes the month's last part only (and its feed's page).
  p.input.archive.insert(p.input.archive.begin(),
                         stamp(2000, 1, Planet::k_ann, at(2023, 7, 29, 0, 0)));
  EXPECT_EQ(changed(plan, plan_archive(p.input, 0, "")),
            (std::set<std::string>{"archive/2023/07-2.html", "feeds/ann-s-notes.html"}));
}

TEST(ArchivePlan, AFeedPageShowsItsNewestEntriesUpToTheLimit) {
  Planet p;
  const std::size_t limit = model::limits::k_max_feed_page_entries;
  for (std::size_t i = 0; i < limit + 5; ++i) {
    p.input.archive.push_back(stamp(static_cast<std::int64_t>(5000 - i), 1, Planet::k_ann,
                                    at(2023, 7, 28, 0, 0) - std::chrono::hours(i)));
  }
  ArchivePlan plan = plan_archive(p.input, 0, "");
  const ArchivePage& ann = page(plan, "feeds/ann-s-notes.html");
  EXPECT_EQ(ann.entry_ids.size(), limit);
  EXPECT_EQ(ann.entry_ids.front(), 5000) << "the newest";
}

TEST(ArchivePlan, ANewEntryChangesOnlyItsMonthPageAndItsFeedPage) {
  Planet p;
  fill(p);
  ArchivePlan before = plan_archive(p.input, 1, "theme");
  p.input.archive.insert(p.input.archive.begin(),
                         stamp(20, 2, Planet::k_bob, at(2023, 7, 29, 11, 30)));
  EXPECT_EQ(changed(before, plan_archive(p.input, 1, "theme")),
            (std::set<std::string>{"archive/2023/07.html", "feeds/bob-builds.html"}));
}

TEST(ArchivePlan, AnEditedEntryChangesItsPagesEvenWithTheSameDate) {
  Planet p;
  fill(p);
  ArchivePlan before = plan_archive(p.input, 1, "theme");
  p.input.archive[2].digest = 99;  // Ann's June post, rewritten in place
  EXPECT_EQ(changed(before, plan_archive(p.input, 1, "theme")),
            (std::set<std::string>{"archive/2023/06.html", "feeds/ann-s-notes.html"}));
}

TEST(ArchivePlan, AFeedsHealthChangesOnlyItsFeedPage) {
  Planet p;
  fill(p);
  ArchivePlan before = plan_archive(p.input, 1, "theme");
  p.input.channels[1].state.consecutive_failures = 2;
  p.input.channels[1].state.last_status = 404;
  p.input.channels[1].state.last_error = "fetch: HTTP 404 Not Found";
  p.input.channels[1].state.failing_since = at(2023, 7, 28, 0, 0);
  ArchivePlan after = plan_archive(p.input, 1, "theme");
  EXPECT_EQ(changed(before, after), (std::set<std::string>{"feeds/bob-builds.html"}));
  EXPECT_NE(page(after, "feeds/bob-builds.html").health_text, "");
}

TEST(ArchivePlan, NothingNewChangesNothing) {
  Planet p;
  fill(p);
  ArchivePlan before = plan_archive(p.input, 1, "theme");
  p.input.now += std::chrono::hours(1);
  p.input.channels[0].state.last_fetched = p.input.now;
  p.input.channels[0].channel.updated = p.input.now;  // a feed's own date moves on each fetch
  EXPECT_EQ(changed(before, plan_archive(p.input, 1, "theme")), std::set<std::string>{});
}

TEST(ArchivePlan, ANewThemeOrFeedNameChangesThePagesThatShowIt) {
  Planet p;
  fill(p);
  ArchivePlan before = plan_archive(p.input, 1, "theme");
  EXPECT_EQ(changed(before, plan_archive(p.input, 1, "other theme")).size(), before.pages.size());
  p.input.channels[1].channel.title_plain = "Bob Builds Again";  // Bob has no configured name
  std::set<std::string> renamed = changed(before, plan_archive(p.input, 1, "theme"));
  EXPECT_EQ(renamed.count("archive/2023/07.html"), 1u);
  EXPECT_EQ(renamed.count("archive/2023/06.html"), 0u) << "no post of Bob's in June";
  EXPECT_EQ(renamed.count("archives.html"), 1u) << "it lists Bob's page by name";
}

}  // namespace
}  // namespace orrery::render::test
