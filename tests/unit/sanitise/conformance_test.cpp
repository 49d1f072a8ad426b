// feedparser's sanitize conformance cases at the HTML level (tests/data/sanitise/
// feedparser.cases): the same input must give the same output, except where a note says why
// orrery differs.

#include <gtest/gtest.h>

#include "cases.h"
#include "sanitise/sanitise.h"

namespace orrery::sanitise {
namespace {

TEST(SanitiseConformance, EveryFeedparserCaseGivesTheExpectedHtml) {
  std::vector<test::Case> cases = test::read_cases("sanitise/feedparser.cases");
  EXPECT_GT(cases.size(), 300u);
  for (const test::Case& c : cases) {
    EXPECT_EQ(sanitise_html(c.input, ""), c.expected) << "case " << c.name;
  }
}

}  // namespace
}  // namespace orrery::sanitise
