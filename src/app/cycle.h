#pragma once
// One refresh cycle of a planet: lock, fetch every due feed, parse, normalise, store, render,
// publish. The only code that knows every stage.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "util/result.h"

namespace orrery::store {
class Store;
}

namespace orrery::app {

struct CycleReport {
  int feeds = 0;         // subscriptions in the config
  int fetched = 0;       // 200 responses parsed as feeds
  int not_modified = 0;  // 304s
  int failed = 0;        // fetch, parse or store failures (each logged as one line)
  int skipped = 0;       // not due yet (docs/schedule.md)
  int added = 0;         // new entries stored
  int updated = 0;       // stored entries changed in place
  std::vector<std::filesystem::path> written;  // files published into output_dir
  std::chrono::milliseconds elapsed{0};
};

// Where a cycle stands, for a progress line on a terminal.
struct CycleProgress {
  int done = 0;   // feeds answered (any outcome)
  int total = 0;  // feeds being fetched this cycle
  int failed = 0;
  std::int64_t bytes = 0;  // body bytes received so far
};

// Which feeds a cycle fetches (Venus's planet.py flags).
enum class FetchMode {
  due,       // every feed schedule::plan says is due (each feed's own schedule)
  all,       // --all: every feed, due or not
  only_new,  // -n/--only-if-new: only feeds never fetched before
  none,      // -o/--offline, `orrery render`: nothing; reading lists from their cached copies
};

// Whether a cycle writes the pages.
enum class RenderMode { render, skip };

// Whether a cycle that wrote the pages pings the planet's PubSubHubbub hub (if one is set).
enum class HubPing { ping, skip };

struct CycleOptions {
  // Called after each feed is processed, on the cycle's thread; empty: no progress reports.
  std::function<void(const CycleProgress&)> on_progress;
  FetchMode fetch = FetchMode::due;
  RenderMode render = RenderMode::render;  // skip: `orrery fetch` (Venus's spider)
  HubPing hub = HubPing::ping;             // skip: --no-publish
  // The daemon's: the planet's store, opened under the run lock its caller holds (the cycle then
  // neither takes the lock nor opens the database). nullptr: the cycle does both itself.
  store::Store* store = nullptr;
  // The daemon's: polled while feeds are fetched; once true the transfers in flight are
  // abandoned, the cycle's transaction is rolled back and run_cycle returns Kind::cancelled.
  std::function<bool()> cancelled;
  // The daemon's: false reads the reading lists from their cached copies in a fetching cycle
  // (it re-fetches them on their own, slower, rhythm rather than at every wake-up).
  bool refresh_lists = true;
  // -d/--debug-splice (Venus's planet.py): before the templates run, the spliced document they
  // read is written here, indented. Empty: not written.
  std::filesystem::path debug_splice;
};

struct CycleError {
  enum class Kind { locked, fatal, cancelled };
  Kind kind = Kind::fatal;
  std::string message;  // one line naming the file or resource and the reason
};

// Runs one cycle for `config`: fetches (options.fetch), stores, renders (options.render).
// Per-feed failures are logged and counted, never fatal: the
// feed's stored entries stay. Fatal: another run holds the lock (Kind::locked), the database
// cannot be opened, a template fails, the output cannot be written.
util::Result<CycleReport, CycleError> run_cycle(const config::Config& config,
                                                const CycleOptions& options = {});

// The User-Agent orrery sends: names orrery, its version and the planet's link.
std::string user_agent(const config::PlanetSettings& planet);

}  // namespace orrery::app
