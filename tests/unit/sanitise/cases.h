#pragma once
// Reader for tests/data/sanitise/*.cases: "=== name", input lines, "--- expect[ note]",
// expected lines. Lines starting with '#' before the first case are comments.

#include <string>
#include <vector>

namespace orrery::sanitise::test {

struct Case {
  std::string name;
  std::string input;
  std::string expected;
  std::string note;  // why orrery differs from feedparser here, "" when it does not
};

// Every case of tests/data/<relative>; fails the current test when the file is malformed.
std::vector<Case> read_cases(const std::string& relative);

}  // namespace orrery::sanitise::test
