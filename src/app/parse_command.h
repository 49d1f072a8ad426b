#pragma once
// `orrery parse PATH|URL|- --json`: runs one document through exactly the pipeline the
// aggregator runs before storing (parse → normalise) and prints the result as feedparser-shaped
// JSON (../shared/PARSE-JSON.md in the design notes; docs/parse-json.md).

#include <ostream>
#include <string>

namespace orrery::app {

struct ParseCommandOptions {
  std::string input;       // a path, "-" for stdin, or an http(s):// or file:// URL
  std::string base;        // --base: the base URL for relative references, "" if none
  std::string encoding;    // --encoding: overrides every declared encoding, "" if none
  bool as_stored = false;  // --as-stored: print what the planet stores (normalise::as_stored)
  // -c/--config with --as-stored: the subscription of this config whose URL is `input` gives
  // the settings the planet stores the feed with (its planet: keys); "" for none, and then an
  // http(s)/file URL input is the subscription's address and nothing more.
  std::string config;
};

// Exit codes of the parse command.
inline constexpr int k_parse_is_feed = 0;
inline constexpr int k_parse_not_feed = 1;  // also: the input could not be read or fetched

// Prints the JSON object (one line plus newline) to `out`; input failures go to `err` as one
// line naming the input. Returns k_parse_is_feed or k_parse_not_feed.
int run_parse_command(const ParseCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace orrery::app
