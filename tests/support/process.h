#pragma once
// Runs a program (the real orrery binary, in end-to-end tests) and captures what it printed.

#include <string>
#include <vector>

namespace orrery::test {

struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + signal number when killed by a signal
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// Runs argv[0] (a path) with argv, stdin from /dev/null or `input`, and waits for it.
// Throws std::runtime_error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = {});

// The orrery binary under test: its path is compiled into each test target that defines
// ORRERY_BINARY (tests/e2e/CMakeLists.txt).
#ifdef ORRERY_BINARY
inline std::string orrery_binary() { return ORRERY_BINARY; }
#endif

}  // namespace orrery::test
