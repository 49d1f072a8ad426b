#pragma once
// filters: Venus's filter chains, resolved and run. An entry filter takes one entry as Venus
// caches it (an Atom <entry>, UTF-8, with <source> and planet: elements) and prints the entry
// that replaces it; printing nothing drops the entry. A template output filter does the same to
// a whole written file.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "filters/native.h"
#include "filters/outcome.h"
#include "filters/process.h"
#include "filters/spec.h"
#include "filters/xslt.h"
#include "util/result.h"

namespace orrery::filters {

// orrery's own filter directory, config::builtin_data_dir("filters") (the installed one, else
// config/filters of the source tree): h1title.xslt, detitle.xslt, stripAd/*.sed.
std::filesystem::path builtin_filters_dir();

// How a filter runs.
enum class Runner {
  native,       // orrery's implementation of a Venus Python filter
  executable,   // any executable file: argv = [path, --key, value, …]
  xslt,         // .xslt through libxslt
  sed,          // .sed through `sed -f`
  unavailable,  // cannot run: `problem` says why
};

struct Filter {
  FilterSpec spec;
  Runner runner = Runner::unavailable;
  std::filesystem::path path;  // the file found (empty for a native not found on disk)
  Options options;             // the merged options it runs with
  const NativeFilter* native = nullptr;
  std::shared_ptr<const Stylesheet> stylesheet;
  std::string problem;  // why it is unavailable: one line naming the filter's file or name
};

// What to do with an entry when a filter fails on it (Venus has no such choice: a failing
// Python filter printed nothing and so dropped the entry). Key `filter_failure`
// (config::FilterFailure).
enum class FailurePolicy { pass, drop };

// Where filters are looked for: the operator's filter_directories in order, then
// builtin_filters_dir(). A file found in an operator's directory wins over a native of the same
// name unless it is a Python script orrery cannot run (not executable).
struct SearchPath {
  std::vector<std::filesystem::path> directories;
};

// Finds the filter `spec` names and decides how it runs, with `options` (the [Planet] and
// [name] options, without the query, which is merged here). Never fails: a filter that cannot
// run comes back as Runner::unavailable with a one-line reason.
Filter resolve(const FilterSpec& spec, const Options& options, const SearchPath& search);

// A resolved chain for one feed or one template.
struct Chain {
  std::vector<Filter> filters;
  FailurePolicy on_failure = FailurePolicy::pass;
};

// The options every filter receives first: [Planet]'s (and [DEFAULT]'s) keys that are not
// planet-wide settings (Venus's filter_options()).
Options planet_options(const config::Config& config);

// The search path of a config: its filter_directories (resolved by config/), then
// builtin_filters_dir() (or `builtin` when not empty, for tests).
SearchPath search_path(const config::Config& config, const std::filesystem::path& builtin = {});

// Venus's chain for the entries of `feed`: [Planet] `filters` in order, then regexp_sifter.py
// with require = the feed's `filter` (else [Planet]'s), then with exclude = `exclude` likewise,
// then the feed's own `filters`; the feed's filter_failure. Fails (a config error, one line
// naming the feed) on more than k_max_filters_per_chain filters.
util::Result<Chain> entry_chain(const config::Config& config, const config::FeedSettings& feed,
                                const SearchPath& search);

// The output filters of one template: the template section's `filters` less those [Planet]'s
// chain already has (Venus skips those); `f > dest` tees; [Planet]'s filter_failure. An empty
// chain when there are none. (Venus would also add a sifter for a template section's own
// filter/exclude; config/ warns about those keys there instead.)
util::Result<Chain> template_chain(const config::Config& config,
                                   const config::TemplateSettings& tmpl, const SearchPath& search);

// The markup inside the entry's planet:excerpt element (what excerpt.py adds by default), as
// XML text; nullopt when the entry has none or is not well-formed. For app/ to keep it.
std::optional<std::string> planet_excerpt(std::string_view entry);

// One filter run over `input`: the runner's outcome. An unavailable filter is a failure.
Outcome run_filter(const Filter& filter, std::string_view input, const ProcessLimits& limits = {});

struct FilterFailure {
  std::string filter;      // as written in the config
  std::string reason;      // one line
  bool timed_out = false;  // killed at the time limit
};

struct ChainResult {
  std::optional<std::string> output;    // nullopt: the entry is dropped
  std::vector<FilterFailure> failures;  // filters that failed (their input went on unchanged,
                                        // or the entry was dropped under FailurePolicy::drop)
  std::vector<FilterFailure> messages;  // what filters wrote to stderr, first line each
};

// Runs an entry through the chain: each filter's output is the next one's input; a drop ends
// the chain. A failure skips that filter (FailurePolicy::pass) or drops the entry (drop).
ChainResult run_chain(const Chain& chain, std::string entry, const ProcessLimits& limits = {});

struct Tee {
  std::string destination;  // relative to output_dir, as written after `>`
  std::string text;
};

struct OutputChainResult {
  std::optional<std::string> output;  // nullopt: delete the written file (a filter printed nothing)
  std::vector<Tee> tees;              // files to write beside it
  std::vector<FilterFailure> failures;
  std::vector<FilterFailure> messages;
};

// Runs a template's written output through its chain (Venus's splice): a pipe filter replaces
// the text, an empty result deletes the file and stops; a tee filter's non-empty output goes to
// its destination and the text goes on unchanged. A tee destination that is absolute or climbs
// out with ".." is a failure.
OutputChainResult run_output_chain(const Chain& chain, std::string text,
                                   const ProcessLimits& limits = {});

}  // namespace orrery::filters
