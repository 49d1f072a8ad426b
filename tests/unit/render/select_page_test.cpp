#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "render/render.h"

namespace orrery::render {
namespace {

// Entries newest first, one per "YYYY-MM-DDTHH:MM:SSZ", titled by their timestamp.
std::vector<model::StoredEntry> entries(const std::vector<std::string>& times) {
  std::vector<model::StoredEntry> out;
  for (const std::string& t : times) {
    model::StoredEntry e;
    e.entry.title_plain = t;
    e.entry.updated = *util::parse_rfc3339(t);
    out.push_back(e);
  }
  return out;
}

std::vector<std::string> titles(const std::vector<model::StoredEntry>& page) {
  std::vector<std::string> out;
  for (const model::StoredEntry& e : page) {
    out.push_back(e.entry.title_plain);
  }
  return out;
}

const std::vector<std::string> k_quiet_planet{
    "2024-03-10T18:00:00Z", "2024-03-10T09:00:00Z",  // day 1
    "2024-02-01T12:00:00Z",                          // day 2, a month earlier
    "2023-12-24T23:59:59Z", "2023-12-24T00:00:00Z",  // day 3
    "2023-11-05T10:00:00Z",                          // day 4
};

TEST(SelectPage, DaysPerPageCountsDaysThatHaveEntriesNotDaysBeforeNow) {
  auto page = select_page(entries(k_quiet_planet), 60, 3);
  EXPECT_EQ(titles(page),
            (std::vector<std::string>{k_quiet_planet.begin(), k_quiet_planet.begin() + 5}));
}

TEST(SelectPage, ItemsPerPageStillCapsThePage) {
  EXPECT_EQ(select_page(entries(k_quiet_planet), 2, 3).size(), 2u);
}

TEST(SelectPage, ZeroMeansNoLimit) {
  EXPECT_EQ(select_page(entries(k_quiet_planet), 0, 0).size(), k_quiet_planet.size());
}

TEST(SelectPage, DaysAreUtcCalendarDays) {
  auto page = select_page(entries({"2024-01-02T00:00:01Z", "2024-01-01T23:59:59Z"}), 60, 1);
  EXPECT_EQ(titles(page), std::vector<std::string>{"2024-01-02T00:00:01Z"});
}

}  // namespace
}  // namespace orrery::render
