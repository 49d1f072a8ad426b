#pragma once
// `orrery daemon`: one long-lived process that polls each feed when it is due and keeps the
// pages current; for systemd (Type=notify, docs/daemon.md) or a terminal.
//   - holds the planet's run lock for its lifetime (a second daemon or run exits 75);
//   - sleeps until the next feed is due (the earliest next_due in the store), fetches the
//     feeds that are due, and renders when entries or feed states changed, at most once per
//     render_interval seconds;
//   - a failing fetch cycle or render (full disk, busy database, unwritable output) is logged
//     and retried with backoff; the daemon stays up and says "degraded" in its STATUS.
// Signals: SIGTERM/SIGINT abort the transfers in flight, roll back the cycle's transaction and
// exit 0; SIGHUP reloads the config (the old one is kept when the new one is broken); SIGPIPE
// is ignored.

#include <filesystem>
#include <functional>
#include <vector>

#include "config/config.h"

namespace orrery::app {

struct DaemonOptions {
  std::vector<std::filesystem::path> config_paths;  // read in order, later wins (config::load)
  // Called with every config the daemon takes (at start and after each SIGHUP that loads):
  // sets up logging at its log_level and log_format. May be empty.
  std::function<void(const config::Config&)> on_config;
};

// Exit codes: 0 after a stop signal; 1 when the config cannot be loaded at start, or the cache
// directory, lock file or database cannot be opened or fails its check (a damaged database is
// reported, never recreated); 75 when another orrery process holds the planet's lock (the line
// names its pid).
int run_daemon(const DaemonOptions& options);

}  // namespace orrery::app
