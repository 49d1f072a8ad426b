// orrery: the command line. Parses arguments (CLI11), sets up logging, runs a subcommand and
// maps its outcome to an exit code (cli/exit_codes.h).

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "app/cycle.h"
#include "app/daemon.h"
#include "app/expunge.h"
#include "app/import_venus.h"
#include "app/parse_command.h"
#include "app/status.h"
#include "app/version.h"
#include "cli/exit_codes.h"
#include "cli/logging.h"
#include "config/config.h"
#include "util/time.h"

namespace orrery::cli {

namespace {

bool is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

// One self-overwriting line on a terminal: feeds done of total, bytes, failures so far.
void print_progress(const app::CycleProgress& p) {
  std::fprintf(stderr, "\r\033[Korrery: %d/%d feeds, %.1f MB, %d failed", p.done, p.total,
               static_cast<double>(p.bytes) / 1e6, p.failed);
  std::fflush(stderr);
}

// Venus's planet.py reads ./config.ini when no file is named.
constexpr const char* k_default_config = "config.ini";

// The config files named with -c/--config, then those given as arguments, in order.
struct ConfigFiles {
  std::vector<std::string> options;
  std::vector<std::string> positional;

  std::vector<std::filesystem::path> paths() const {
    std::vector<std::filesystem::path> out(options.begin(), options.end());
    out.insert(out.end(), positional.begin(), positional.end());
    if (out.empty()) {
      out.emplace_back(k_default_config);
    }
    return out;
  }
};

void add_config_options(CLI::App* command, ConfigFiles& files, bool positional = true) {
  command->add_option("-c,--config", files.options,
                      "Planet config file (Venus config.ini); repeat for several, later wins "
                      "per key (default: ./config.ini)");
  if (positional) {
    command->add_option("config_files", files.positional, "More config files, after those of -c");
  }
}

// Loads the config and sets up logging at its log_level; nullopt (logged) when it is invalid.
std::optional<config::Config> load_config(const ConfigFiles& files, Verbosity verbosity) {
  auto config = config::load(files.paths());
  if (!config) {
    setup_logging("WARNING", verbosity);
    spdlog::error("{}", config.error().message);
    return std::nullopt;
  }
  setup_logging(config->planet.log_level, verbosity, config->planet.log_format);
  for (const std::string& warning : config->warnings) {
    spdlog::warn("{}", warning);
  }
  return std::move(*config);
}

int exit_code(const app::CycleError& error) {
  spdlog::error("{}", error.message);
  return error.kind == app::CycleError::Kind::locked ? k_exit_locked : k_exit_failure;
}

int expunge_command(const config::Config& config) {
  auto stats = app::run_expunge(config, util::now());
  if (!stats) {
    return exit_code(stats.error());
  }
  spdlog::info("{}: expunged {} entries and {} feeds no longer in the config", config.planet.name,
               stats->entries_removed, stats->feeds_removed);
  return k_exit_ok;
}

int import_venus_command(const ConfigFiles& files, const std::string& cache_dir,
                         Verbosity verbosity) {
  auto config = load_config(files, verbosity);
  if (!config) {
    return k_exit_failure;
  }
  auto report = app::import_venus(*config, cache_dir);
  if (!report) {
    return exit_code(report.error());
  }
  if (!verbosity.quiet) {  // the command's result, on stdout
    std::printf(
        "%s: %d entry files: %d new, %d updated, %d already stored; %d of feeds not in "
        "the config (kept until expunged), %d unreadable\n",
        cache_dir.c_str(), report->files, report->added, report->updated, report->unchanged,
        report->unattributed, report->unreadable);
  }
  return k_exit_ok;
}

// `orrery status [--json]`: the feeds' health from the store, read-only, beside a running daemon.
// Exits 0 whenever the report could be made, failing feeds or not (docs/status.md).
int status_command(const ConfigFiles& files, bool json, Verbosity verbosity) {
  auto config = load_config(files, verbosity);
  if (!config) {
    return k_exit_failure;
  }
  auto report = app::planet_status(
      *config, json ? app::StatusFormat::json : app::StatusFormat::text, util::now());
  if (!report) {
    return exit_code(report.error());
  }
  std::fputs(report->c_str(), stdout);
  return k_exit_ok;
}

// What `run`, `fetch` and `render` do (Venus's planet.py, spider.py and splice.py).
struct RunFlags {
  bool offline = false;       // -o: no fetch, render from the store
  bool only_if_new = false;   // -n: fetch only feeds never fetched before
  bool all = false;           // --all: fetch every feed, due or not (each feed's schedule)
  bool expunge = false;       // -x: expunge after the run
  bool no_publish = false;    // --no-publish: no PubSubHubbub ping
  bool debug_splice = false;  // -d: also write the spliced document to ./debug.atom
  app::RenderMode render = app::RenderMode::render;
};

int run_command(const ConfigFiles& files, const RunFlags& flags, Verbosity verbosity) {
  auto config = load_config(files, verbosity);
  if (!config) {
    return k_exit_failure;
  }
  app::CycleOptions options;
  options.render = flags.render;
  options.fetch = flags.offline       ? app::FetchMode::none
                  : flags.only_if_new ? app::FetchMode::only_new
                  : flags.all         ? app::FetchMode::all
                                      : app::FetchMode::due;
  options.hub = flags.no_publish ? app::HubPing::skip : app::HubPing::ping;
  if (flags.debug_splice) {
    options.debug_splice = "debug.atom";  // Venus's planet.py: in the working directory
  }
  bool progress = is_terminal() && !verbosity.quiet && options.fetch != app::FetchMode::none;
  if (progress) {
    options.on_progress = print_progress;
  }
  auto report = app::run_cycle(*config, options);
  if (progress) {
    std::fputs("\r\033[K", stderr);  // the progress line gives way to the summary
  }
  if (!report) {
    return exit_code(report.error());
  }
  if (flags.render == app::RenderMode::skip) {
    spdlog::info(
        "{}: {} feeds: {} fetched, {} not modified, {} failed, {} skipped; {} new, {} "
        "updated entries in {:.2f} s; nothing rendered",
        config->planet.name, report->feeds, report->fetched, report->not_modified, report->failed,
        report->skipped, report->added, report->updated,
        static_cast<double>(report->elapsed.count()) / 1000.0);
    return flags.expunge ? expunge_command(*config) : k_exit_ok;
  }
  std::string index;
  for (const auto& path : report->written) {
    if (path.filename() == "index.html") {
      index = path.string();
    }
  }
  spdlog::info(
      "{}: {} feeds: {} fetched, {} not modified, {} failed, {} skipped; {} new, {} "
      "updated entries; {} files written to {} in {:.2f} s",
      config->planet.name, report->feeds, report->fetched, report->not_modified, report->failed,
      report->skipped, report->added, report->updated, report->written.size(),
      config->planet.output_dir.string(), static_cast<double>(report->elapsed.count()) / 1000.0);
  if (!index.empty()) {
    spdlog::info("page: {}", index);
  }
  return flags.expunge ? expunge_command(*config) : k_exit_ok;  // Venus's planet -x: last
}

// Venus's -d/--debug-splice, for `run` and `render`.
void add_debug_splice(CLI::App* command, RunFlags& flags) {
  command->add_flag("-d,--debug-splice", flags.debug_splice,
                    "Also write the spliced Atom document the XSLT templates read (with its "
                    "planet: elements) to ./debug.atom, then render as usual");
}

int main_impl(int argc, char** argv) {
  CLI::App cli{"orrery: a planet-style feed aggregator (reads Planet Venus configs and themes)"};
  cli.set_version_flag("--version", std::string("orrery ") + app::k_version);
  cli.require_subcommand(1);
  cli.footer(
      "Exit codes: 0 success (single feeds may have failed: see the log), 1 fatal error, "
      "2 usage error, 75 another run holds the lock.\n"
      "parse exits 0 for a feed (even ill-formed), 1 when the input is not a feed or unreadable.\n"
      "status exits 0 whenever it could read the store, failing feeds or not.");
  Verbosity verbosity;
  cli.add_flag("-v,--verbose", verbosity.verbose, "More output (repeat for debug)");
  cli.add_flag("-q,--quiet", verbosity.quiet, "Only errors");

  ConfigFiles files;
  RunFlags flags;
  CLI::App* run =
      cli.add_subcommand("run", "Run one refresh cycle: fetch, store, render (Venus's planet.py)");
  run->fallthrough();
  add_config_options(run, files);
  CLI::Option* offline =
      run->add_flag("-o,--offline", flags.offline, "Fetch nothing: render from the store");
  CLI::Option* only_new = run->add_flag("-n,--only-if-new", flags.only_if_new,
                                        "Fetch only the feeds never fetched before, then render");
  only_new->excludes(offline);
  run->add_flag("--all", flags.all,
                "Fetch every feed, also those not due yet (by default a feed is fetched when "
                "its own schedule says so: max-age, ttl, backoff...)")
      ->excludes(offline)
      ->excludes(only_new);
  run->add_flag("-x,--expunge", flags.expunge,
                "After the run, expunge old entries (cache_keep_entries, cache_keep_days) and "
                "feeds no longer in the config");
  run->add_flag("--no-publish", flags.no_publish,
                "Do not ping the PubSubHubbub hub (pubsubhubbub_hub) after rendering");
  add_debug_splice(run, flags);

  CLI::App* fetch_cmd =
      cli.add_subcommand("fetch", "Fetch and store the feeds, render nothing (Venus's spider)");
  fetch_cmd->fallthrough();
  add_config_options(fetch_cmd, files);
  CLI::Option* fetch_only_new = fetch_cmd->add_flag("-n,--only-if-new", flags.only_if_new,
                                                    "Fetch only the feeds never fetched before");
  fetch_cmd->add_flag("--all", flags.all, "Fetch every feed, also those not due yet")
      ->excludes(fetch_only_new);

  CLI::App* render_cmd = cli.add_subcommand(
      "render", "Render the pages from the store, fetch nothing (Venus's splice and apply)");
  render_cmd->fallthrough();
  add_config_options(render_cmd, files);
  render_cmd->add_flag("--no-publish", flags.no_publish,
                       "Do not ping the PubSubHubbub hub (pubsubhubbub_hub) after rendering");
  add_debug_splice(render_cmd, flags);

  CLI::App* expunge_cmd = cli.add_subcommand(
      "expunge", "Remove old entries (cache_keep_entries, cache_keep_days) and removed feeds");
  expunge_cmd->fallthrough();
  add_config_options(expunge_cmd, files);

  std::string venus_cache;
  CLI::App* import_cmd =
      cli.add_subcommand("import-venus", "Import a Planet Venus cache directory into the store");
  import_cmd->fallthrough();
  add_config_options(import_cmd, files, false);
  import_cmd->add_option("cache_dir", venus_cache, "Venus's cache_directory")->required();

  int interval_minutes = 0;
  CLI::App* daemon = cli.add_subcommand(
      "daemon",
      "Poll each feed when it is due and keep the pages current, for systemd (Type=notify) or a "
      "terminal (SIGTERM/SIGINT stop, SIGHUP reloads the config; docs/daemon.md)");
  daemon->fallthrough();
  add_config_options(daemon, files);
  CLI::Option* interval_option = daemon->add_option(
      "--interval", interval_minutes,
      "Removed: each feed is polled on its own schedule (min_poll_interval, max_poll_interval)");

  bool status_json = false;
  CLI::App* status_cmd = cli.add_subcommand(
      "status", "Show every feed's health from the store (read-only: safe beside a daemon)");
  status_cmd->fallthrough();
  add_config_options(status_cmd, files);
  status_cmd->add_flag("--json", status_json,
                       "Print one JSON object (its shape: docs/status.md) instead of text");

  app::ParseCommandOptions parse_options;
  bool json = false;
  CLI::App* parse = cli.add_subcommand("parse", "Parse one feed and print it as JSON");
  parse->fallthrough();
  parse->add_option("input", parse_options.input, "A file, an http(s)/file URL, or - for stdin")
      ->required();
  parse->add_option("--base", parse_options.base, "Base URL for relative references");
  parse->add_option("--encoding", parse_options.encoding, "Decode as this encoding");
  parse->add_flag("--json", json, "Print feedparser-shaped JSON (the only output format)")
      ->required();
  parse->add_flag("--as-stored", parse_options.as_stored,
                  "Print the feed after the storage normalisation (Venus's reconstitute)");
  parse
      ->add_option("-c,--config", parse_options.config,
                   "With --as-stored: store the input as this config's feed of that URL does")
      ->needs("--as-stored");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? k_exit_ok : k_exit_usage;
  }
  std::error_code ec;
  if (!parse->parsed() && files.options.empty() && files.positional.empty() &&
      !std::filesystem::exists(k_default_config, ec)) {
    std::cerr << "orrery: no config file given (-c FILE) and no ./" << k_default_config << "\n"
              << "Run with --help for more information.\n";
    return k_exit_usage;
  }
  if (run->parsed()) {
    return run_command(files, flags, verbosity);
  }
  if (fetch_cmd->parsed()) {
    flags.render = app::RenderMode::skip;
    return run_command(files, flags, verbosity);
  }
  if (render_cmd->parsed()) {
    flags.offline = true;
    return run_command(files, flags, verbosity);
  }
  if (expunge_cmd->parsed()) {
    auto config = load_config(files, verbosity);
    return config ? expunge_command(*config) : k_exit_failure;
  }
  if (daemon->parsed()) {
    if (interval_option->count() > 0) {
      std::cerr << "orrery daemon: --interval was removed: each feed is polled on its own "
                   "schedule, between min_poll_interval and max_poll_interval ([Planet], seconds); "
                   "see docs/daemon.md\n";
      return k_exit_usage;
    }
    if (!load_config(files, verbosity)) {  // sets up logging at the config's level
      return k_exit_failure;
    }
    return app::run_daemon({files.paths(), [verbosity](const config::Config& config) {
                              setup_logging(config.planet.log_level, verbosity,
                                            config.planet.log_format);
                            }});
  }
  if (status_cmd->parsed()) {
    return status_command(files, status_json, verbosity);
  }
  if (import_cmd->parsed()) {
    return import_venus_command(files, venus_cache, verbosity);
  }
  setup_logging("ERROR", verbosity);
  return app::run_parse_command(parse_options, std::cout, std::cerr);
}

}  // namespace

}  // namespace orrery::cli

int main(int argc, char** argv) {
  try {
    return orrery::cli::main_impl(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "orrery: fatal: " << e.what() << '\n';
    return orrery::cli::k_exit_failure;
  }
}
