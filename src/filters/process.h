#pragma once
// filters: one bounded child process, input on stdin, output from stdout (Venus's py and sed
// shells, with the bounds Venus lacked).

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/limits.h"

namespace orrery::filters {

struct ProcessLimits {
  std::chrono::milliseconds timeout = model::limits::k_filter_timeout;
  std::size_t max_output_bytes = model::limits::k_max_filter_output_bytes;
  std::size_t max_stderr_bytes = model::limits::k_max_filter_stderr_bytes;
};

struct ProcessResult {
  enum class End {
    exited,       // exit_code holds the status
    signalled,    // killed by signal `signal` (not by us)
    timed_out,    // still running at the deadline: killed
    over_limit,   // wrote more than max_output_bytes: killed
    not_started,  // spawn failed: `error` says why
  };
  End end = End::not_started;
  int exit_code = 0;
  int signal = 0;
  std::string out;  // stdout; cut at max_output_bytes when over_limit
  std::string err;  // stderr, at most max_stderr_bytes
  std::string error;
};

// Runs `argv[0]` (an absolute path; never through a shell) with the arguments argv[1..], writes
// `input` to its stdin and collects stdout and stderr until it exits. The child runs in its own
// process group with a minimal environment (PATH=/usr/local/bin:/usr/bin:/bin, LANG=C.UTF-8),
// inherits no file descriptor but the three pipes, and has default signal dispositions. At the
// deadline or when stdout passes the limit, the whole process group is killed with SIGKILL.
// Never throws for the child's behaviour; spawn failures come back as End::not_started.
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          const ProcessLimits& limits = {});

// A one-line description of how a run that is not a clean exit ended, for reports:
// "exit status 3", "killed by signal 11", "timed out after 30 s", "wrote more than N bytes".
std::string describe_end(const ProcessResult& result, const ProcessLimits& limits);

}  // namespace orrery::filters
