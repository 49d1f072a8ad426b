#pragma once
// Logging set-up: one stderr logger, one line per message ("error: feed URL: fetch: …").

#include <string>

namespace orrery::cli {

// Verbosity from the command line: -q lowers, each -v raises.
struct Verbosity {
  int verbose = 0;
  bool quiet = false;
};

// Installs the spdlog default logger on stderr. The level is the config's log_level (Venus
// names: DEBUG INFO WARNING ERROR CRITICAL), moved by -v/-q.
void setup_logging(const std::string& venus_level, Verbosity verbosity);

}  // namespace orrery::cli
