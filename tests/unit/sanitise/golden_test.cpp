// Golden pairs in tests/data/sanitise/golden/: NAME.html sanitised against a fixed base URL must
// equal NAME.html-result (rewrite with ORRERY_UPDATE_GOLDEN=1 and review the diff).

#include <gtest/gtest.h>

#include "sanitise/sanitise.h"
#include "support/golden.h"
#include "support/temp_dir.h"

namespace orrery::sanitise {
namespace {

constexpr std::string_view k_base = "https://blog.example.org/2024/05/post.html";

class SanitiseGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(SanitiseGolden, OutputMatchesTheGoldenFile) {
  const std::string name = std::string("sanitise/golden/") + GetParam() + ".html";
  std::string input = orrery::test::slurp(orrery::test::data_path(name));
  orrery::test::expect_golden(name + "-result", sanitise_html(input, k_base) + "\n");
}

INSTANTIATE_TEST_SUITE_P(Pairs, SanitiseGolden,
                         ::testing::Values("blog_post", "svg_and_math", "tables", "hostile"));

}  // namespace
}  // namespace orrery::sanitise
