#pragma once
// orrery's exit codes (documented in docs/cli.md and `orrery --help`).

namespace orrery::cli {

inline constexpr int k_exit_ok = 0;       // the cycle completed (single feeds may have failed)
inline constexpr int k_exit_failure = 1;  // fatal: bad config, broken database, template error
inline constexpr int k_exit_usage = 2;    // bad command line
inline constexpr int k_exit_locked = 75;  // EX_TEMPFAIL: another run holds the planet's lock

}  // namespace orrery::cli
