#include "app/daemon.h"

#include <signal.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <ctime>
#include <optional>

#include "app/cycle.h"
#include "app/planet_store.h"
#include "config/config.h"

namespace orrery::app {

namespace {

enum class Wake { timeout, stop, reload };

// The signals the daemon handles, blocked in every thread and taken with sigtimedwait(): no
// handler runs in the middle of a cycle, and worker threads inherit the mask.
sigset_t daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

Wake classify(int signal) { return signal == SIGHUP ? Wake::reload : Wake::stop; }

// Waits up to `duration` for a handled signal.
Wake wait_for(const sigset_t& set, std::chrono::seconds duration) {
  auto deadline = std::chrono::steady_clock::now() + duration;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return Wake::timeout;
    }
    timespec ts{};
    ts.tv_sec = static_cast<std::time_t>(left.count() / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(left.count() % 1'000'000'000);
    int got = ::sigtimedwait(&set, nullptr, &ts);
    if (got > 0) {
      return classify(got);
    }
    if (errno != EINTR && errno != EAGAIN) {
      return Wake::stop;
    }
  }
}

// A signal that arrived during a cycle, if any (without waiting).
std::optional<Wake> pending(const sigset_t& set) {
  timespec zero{};
  int got = ::sigtimedwait(&set, nullptr, &zero);
  return got > 0 ? std::optional<Wake>(classify(got)) : std::nullopt;
}

bool check_database(const config::Config& config) {
  auto opened = PlanetStore::open(config.planet);
  if (!opened) {
    if (opened.error().kind == CycleError::Kind::locked) {
      return true;  // another run is busy with it: it is in use, not damaged
    }
    spdlog::error("{}", opened.error().message);
    return false;
  }
  auto checked = opened->store().quick_check();
  if (!checked) {
    spdlog::error("{}", checked.error().message);
    return false;
  }
  return true;
}

void log_report(const config::Config& config, const CycleReport& r) {
  spdlog::info(
      "{}: {} feeds: {} fetched, {} not modified, {} failed, {} skipped; {} new, {} "
      "updated entries in {:.2f} s",
      config.planet.name, r.feeds, r.fetched, r.not_modified, r.failed, r.skipped, r.added,
      r.updated, static_cast<double>(r.elapsed.count()) / 1000.0);
}

}  // namespace

int run_daemon(const DaemonOptions& options) {
  sigset_t set = daemon_signals();
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto loaded = config::load(options.config_paths);
  if (!loaded) {
    spdlog::error("{}", loaded.error().message);
    return 1;
  }
  config::Config config = std::move(*loaded);
  if (!check_database(config)) {
    return 1;
  }
  spdlog::info("daemon: {} feeds, a cycle every {} s", config.feeds.size(),
               options.interval.count());
  for (;;) {
    auto started = std::chrono::steady_clock::now();
    auto report = run_cycle(config);
    if (report) {
      log_report(config, *report);
    } else if (report.error().kind == CycleError::Kind::locked) {
      spdlog::warn("{}; skipping this cycle", report.error().message);
    } else {
      spdlog::error("{}", report.error().message);
      return 1;
    }
    std::optional<Wake> wake = pending(set);
    if (!wake) {
      auto spent = std::chrono::duration_cast<std::chrono::seconds>(
          std::chrono::steady_clock::now() - started);
      wake = wait_for(set, std::max(options.interval - spent, std::chrono::seconds{0}));
    }
    if (*wake == Wake::stop) {
      spdlog::info("daemon: stopping");
      return 0;
    }
    if (*wake == Wake::reload) {
      auto reloaded = config::load(options.config_paths);
      if (reloaded) {
        config = std::move(*reloaded);
        for (const std::string& warning : config.warnings) {
          spdlog::warn("{}", warning);
        }
        spdlog::info("daemon: reloaded {}", config.path.string());
      } else {
        spdlog::error("{}; keeping the previous config", reloaded.error().message);
      }
    }
  }
}

}  // namespace orrery::app
