#include "cases.h"

#include <gtest/gtest.h>

#include <sstream>

#include "support/temp_dir.h"

namespace orrery::sanitise::test {

namespace {

void append_line(std::string& block, const std::string& line) {
  if (!block.empty() || !line.empty()) {
    block += block.empty() ? line : "\n" + line;
  }
}

}  // namespace

std::vector<Case> read_cases(const std::string& relative) {
  std::istringstream in(orrery::test::slurp(orrery::test::data_path(relative)));
  std::vector<Case> cases;
  bool in_expected = false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back(Case{line.substr(4), {}, {}, {}});
      in_expected = false;
    } else if (line.rfind("--- expect", 0) == 0 && !cases.empty()) {
      in_expected = true;
      cases.back().note = line.size() > 11 ? line.substr(11) : "";
    } else if (!cases.empty()) {
      append_line(in_expected ? cases.back().expected : cases.back().input, line);
    }
  }
  EXPECT_FALSE(cases.empty()) << relative << " holds no cases";
  return cases;
}

}  // namespace orrery::sanitise::test
