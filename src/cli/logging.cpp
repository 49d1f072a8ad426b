#include "cli/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>

#include "util/strings.h"

namespace orrery::cli {

namespace {

int venus_level_index(const std::string& name) {
  std::string n = util::to_lower(name);
  if (n == "debug") return 0;
  if (n == "info") return 1;
  if (n == "error") return 3;
  if (n == "critical" || n == "fatal") return 4;
  return 2;  // WARNING, Venus's default
}

}  // namespace

void setup_logging(const std::string& venus_level, Verbosity verbosity) {
  static const spdlog::level::level_enum k_levels[] = {spdlog::level::debug, spdlog::level::info,
                                                       spdlog::level::warn, spdlog::level::err,
                                                       spdlog::level::critical};
  int index = venus_level_index(venus_level) - verbosity.verbose + (verbosity.quiet ? 1 : 0);
  index = std::clamp(index, 0, 4);
  auto logger = spdlog::stderr_logger_mt("orrery");
  // On a terminal a progress line may be showing: each message first clears it.
  logger->set_pattern(::isatty(STDERR_FILENO) == 1 ? "\r\033[K%l: %v" : "%l: %v");
  logger->set_level(k_levels[index]);
  spdlog::set_default_logger(logger);
}

}  // namespace orrery::cli
