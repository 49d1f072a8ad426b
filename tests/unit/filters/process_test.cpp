#include "filters/process.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "model/limits.h"
#include "support/temp_dir.h"

namespace orrery::filters {
namespace {

using End = ProcessResult::End;
using namespace std::chrono_literals;

std::string script(const test::TempDir& dir, std::string_view name, std::string_view body) {
  auto path = dir.write(name, std::string("#!/bin/sh\n") + std::string(body) + "\n");
  ::chmod(path.c_str(), 0755);
  return path.string();
}

TEST(FilterProcess, DefaultsAreTheNamedLimits) {
  ProcessLimits limits;
  EXPECT_EQ(limits.timeout, model::limits::k_filter_timeout);
  EXPECT_EQ(limits.max_output_bytes, model::limits::k_max_filter_output_bytes);
  EXPECT_EQ(limits.max_stderr_bytes, model::limits::k_max_filter_stderr_bytes);
}

TEST(FilterProcess, StdinComesBackOnStdout) {
  ProcessResult r = run_process({"/bin/cat"}, "<entry/>");
  EXPECT_EQ(r.end, End::exited);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "<entry/>");
}

TEST(FilterProcess, LargeInputAndOutputDoNotDeadlock) {
  std::string big(4 * 1024 * 1024, 'x');
  ProcessResult r = run_process({"/bin/cat"}, big);
  EXPECT_EQ(r.end, End::exited);
  EXPECT_EQ(r.out.size(), big.size());
}

TEST(FilterProcess, ArgumentsArePassedWithoutAShell) {
  test::TempDir dir;
  auto s = script(dir, "args.sh", R"(for a in "$@"; do printf '[%s]' "$a"; done)");
  ProcessResult r = run_process({s, "--key", "a value; rm -rf /", "$HOME"}, "");
  EXPECT_EQ(r.out, "[--key][a value; rm -rf /][$HOME]");
}

TEST(FilterProcess, TheEnvironmentIsMinimal) {
  ::setenv("ORRERY_SECRET_FOR_TEST", "leaked", 1);
  ProcessResult r = run_process({"/usr/bin/env"}, "");
  ::unsetenv("ORRERY_SECRET_FOR_TEST");
  EXPECT_EQ(r.out.find("ORRERY_SECRET_FOR_TEST"), std::string::npos);
  EXPECT_NE(r.out.find("PATH="), std::string::npos);
}

TEST(FilterProcess, AFilterThatSleepsForeverIsKilledAtTheDeadline) {
  test::TempDir dir;
  // The shell's child `sleep` holds stdout open too: the whole process group must go.
  auto s = script(dir, "sleep.sh", "sleep 1000");
  ProcessLimits limits;
  limits.timeout = 300ms;
  ProcessResult r = run_process({s}, "<entry/>", limits);
  EXPECT_EQ(r.end, End::timed_out);
  EXPECT_NE(describe_end(r, limits).find("time limit"), std::string::npos);
}

TEST(FilterProcess, AFilterThatWrites100MegabytesIsKilledAtTheOutputLimit) {
  test::TempDir dir;
  auto s = script(dir, "flood.sh", "head -c 104857600 /dev/zero");
  ProcessResult r = run_process({s}, "");
  EXPECT_EQ(r.end, End::over_limit);
  EXPECT_EQ(r.out.size(), model::limits::k_max_filter_output_bytes);
}

TEST(FilterProcess, ExitStatusAndStderrAreReported) {
  test::TempDir dir;
  auto s = script(dir, "fail.sh", "echo 'something broke' >&2; exit 3");
  ProcessResult r = run_process({s}, "<entry/>");
  EXPECT_EQ(r.end, End::exited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "something broke\n");
  EXPECT_EQ(describe_end(r, {}), "exit status 3");
}

TEST(FilterProcess, StderrBeyondItsLimitIsDroppedNotFatal) {
  test::TempDir dir;
  auto s = script(dir, "noisy.sh", "head -c 1000000 /dev/zero >&2; echo ok");
  ProcessResult r = run_process({s}, "");
  EXPECT_EQ(r.end, End::exited);
  EXPECT_EQ(r.out, "ok\n");
  EXPECT_EQ(r.err.size(), model::limits::k_max_filter_stderr_bytes);
}

TEST(FilterProcess, AMissingProgramDoesNotStart) {
  ProcessResult r = run_process({"/nonexistent/filter.sh"}, "<entry/>");
  EXPECT_EQ(r.end, End::not_started);
  EXPECT_NE(r.error.find("/nonexistent/filter.sh"), std::string::npos);
}

TEST(FilterProcess, AChildThatIgnoresItsInputDoesNotKillUs) {
  std::string big(1024 * 1024, 'x');  // more than a pipe buffer: the write hits EPIPE
  ProcessResult r = run_process({"/bin/true"}, big);
  EXPECT_EQ(r.end, End::exited);
  EXPECT_EQ(r.exit_code, 0);
}

TEST(FilterProcess, ACrashIsReportedWithItsSignal) {
  test::TempDir dir;
  auto s = script(dir, "crash.sh", "kill -SEGV $$");
  ProcessResult r = run_process({s}, "");
  EXPECT_EQ(r.end, End::signalled);
  EXPECT_EQ(r.signal, SIGSEGV);
}

}  // namespace
}  // namespace orrery::filters
