#pragma once
// Logging set-up: one stderr logger, one line per message ("error: feed URL: fetch: …"), or in
// the config's log_format (Python logging's %(field)s format, as Venus writes it).

#include <string>
#include <string_view>

namespace orrery::cli {

// Verbosity from the command line: -q lowers, each -v raises.
struct Verbosity {
  int verbose = 0;
  bool quiet = false;
};

// The spdlog pattern for a Python logging format (Venus's log_format), or "" when `format` uses a
// field orrery cannot fill; `unsupported` then names it. Fields: %(levelname)s (upper case),
// %(name)s ("orrery"), %(message)s, %(asctime)s, %(msecs)d, %(created)f, %(process)d,
// %(thread)d, each with Python's optional width (`%(levelname)-8s`); `%%` is a percent sign.
std::string spdlog_pattern(std::string_view format, std::string& unsupported);

// Whether stderr is the journal's stream: JOURNAL_STREAM (`journal_stream`, "DEV:INODE" as
// systemd sets it) names stderr's device and inode. A child that inherited the variable but
// not the stream (stderr redirected) is not.
bool stderr_is_journal(const char* journal_stream);

// Installs the spdlog default logger on stderr. When stderr is the journal's stream
// (stderr_is_journal) each line starts with its syslog priority ("<3>" error, "<4>" warning,
// "<6>" info, "<7>" debug), as sd-daemon(3) describes; otherwise lines are plain. The level is the
// config's log_level (Venus names: DEBUG INFO WARNING ERROR CRITICAL), moved by -v/-q. A non-empty
// log_format replaces orrery's "level: message" lines; one it cannot follow is warned about and not
// used.
void setup_logging(const std::string& venus_level, Verbosity verbosity,
                   const std::string& log_format = "");

}  // namespace orrery::cli
