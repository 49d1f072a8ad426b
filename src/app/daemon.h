#pragma once
// `orrery daemon`: refresh cycles for ever, for systemd (Type=simple) or a terminal.
//   SIGTERM, SIGINT  stop: at once when idle; after the running cycle otherwise (a cycle is
//                    never cut in half; the fetcher's cycle deadline bounds how long it runs)
//   SIGHUP           reload the config files and start a cycle now
// At start the database gets PRAGMA quick_check: a damaged one is reported, never recreated.

#include <chrono>
#include <filesystem>
#include <vector>

namespace orrery::app {

struct DaemonOptions {
  std::vector<std::filesystem::path> config_paths;  // read in order, later wins (config::load)
  std::chrono::seconds interval{30 * 60};           // from the start of one cycle to the next
};

// Exit codes: 0 after a stop signal; 1 when the config cannot be loaded at start, the database
// fails its check, or a cycle fails fatally (template, output directory); a cycle that finds
// the lock held by another run (cron) is skipped with a warning. A config that fails to reload
// on SIGHUP keeps the previous one (with an error line).
int run_daemon(const DaemonOptions& options);

}  // namespace orrery::app
