#include "app/daemon.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "app/cycle.h"
#include "app/planet_store.h"
#include "app/sd_notify.h"
#include "schedule/schedule.h"
#include "store/store.h"
#include "util/time.h"

namespace orrery::app {

namespace {

using Clock = std::chrono::steady_clock;

// A feed fetched before that the schedule gave no next_due is due this long after its last
// fetch; with reading lists, a fetch cycle (which re-reads the lists) runs at least this often.
constexpr std::chrono::seconds k_unscheduled_interval{300};
// The longest sleep: the daemon looks at the schedule again at least this often.
constexpr std::chrono::seconds k_max_sleep{300};
// The shortest sleep between two passes with nothing to wait for (never a busy loop).
constexpr std::chrono::seconds k_min_sleep{1};
// Backoff after a failing fetch cycle or render: from the first, doubling, up to the cap.
constexpr std::chrono::seconds k_first_retry{5};
constexpr std::chrono::seconds k_max_retry{300};

enum class Wake { timeout, stop, reload };

// The signals the daemon handles, blocked in every thread and taken with sigtimedwait(): no
// handler runs in the middle of a cycle, worker threads inherit the mask, and a stop request
// is seen during a fetch as a pending signal (stop_pending).
sigset_t daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

bool stop_pending() {
  sigset_t pending;
  sigemptyset(&pending);
  if (::sigpending(&pending) != 0) {
    return false;
  }
  return sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1;
}

// Waits until `until` for a handled signal.
Wake wait_until(const sigset_t& set, Clock::time_point until) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(until - Clock::now());
    if (left.count() <= 0) {
      return Wake::timeout;
    }
    timespec ts{};
    ts.tv_sec = static_cast<std::time_t>(left.count() / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(left.count() % 1'000'000'000);
    int got = ::sigtimedwait(&set, nullptr, &ts);
    if (got > 0) {
      return got == SIGHUP ? Wake::reload : Wake::stop;
    }
    if (errno != EINTR && errno != EAGAIN) {
      return Wake::stop;
    }
  }
}

std::chrono::seconds backoff(int failures) {
  std::chrono::seconds delay = k_first_retry;
  for (int i = 1; i < failures && delay < k_max_retry; ++i) {
    delay *= 2;
  }
  return std::min(delay, k_max_retry);
}

// What the pages show of one feed's state: a change re-renders them.
struct Shown {
  bool failing = false;
  int status = 0;
  std::string error;
  bool operator==(const Shown&) const = default;
};

// The subscribed feeds as the store has them, read after each fetch cycle.
struct Snapshot {
  std::map<std::string, Shown> feeds;       // by URL
  std::optional<util::TimePoint> next_due;  // when the first subscribed feed is due
  int subscribed = 0;
  int failing = 0;
};

Snapshot snapshot(store::Store& store, const config::Config& config, util::TimePoint now) {
  std::set<std::string> urls;
  for (const config::FeedSettings& feed : config.feeds) {
    urls.insert(feed.url);
  }
  Snapshot s;
  s.subscribed = static_cast<int>(urls.size());
  for (const model::FeedState& state : store.feed_states()) {
    if (urls.count(state.url) == 0) {
      continue;  // a feed no longer in the config: kept in the store, not polled
    }
    s.feeds[state.url] = Shown{state.consecutive_failures > 0, state.last_status, state.last_error};
    s.failing += state.consecutive_failures > 0 ? 1 : 0;
    util::TimePoint due = state.next_due       ? *state.next_due
                          : state.last_fetched ? *state.last_fetched + k_unscheduled_interval
                                               : now;
    s.next_due = s.next_due ? std::min(*s.next_due, due) : due;
  }
  if (s.feeds.size() < urls.size()) {
    s.next_due = now;  // a feed never polled
  }
  return s;
}

void log_report(const config::Config& config, const CycleReport& r) {
  spdlog::info(
      "{}: {} feeds: {} fetched, {} not modified, {} failed, {} skipped; {} new, {} "
      "updated entries in {:.2f} s",
      config.planet.name, r.feeds, r.fetched, r.not_modified, r.failed, r.skipped, r.added,
      r.updated, static_cast<double>(r.elapsed.count()) / 1000.0);
}

// One stage that can fail and is retried with backoff (the fetch cycle, the render).
struct Retry {
  int failures = 0;
  Clock::time_point next{};  // not before this
  std::string problem;       // the last failure, "" when the stage last succeeded

  void failed(const std::string& what, const std::string& message) {
    ++failures;
    std::chrono::seconds delay = backoff(failures);
    next = Clock::now() + delay;
    problem = what + ": " + message;
    spdlog::error("daemon: {}; retrying in {} s", problem, delay.count());
  }
  void succeeded(const std::string& what) {
    if (failures > 0) {
      spdlog::info("daemon: {} works again after {} failures", what, failures);
    }
    failures = 0;
    problem.clear();
  }
};

class Daemon {
 public:
  Daemon(const DaemonOptions& options, config::Config config, PlanetStore planet_store,
         Notifier& notifier)
      : m_options(options),
        m_config(std::move(config)),
        m_planet_store(std::move(planet_store)),
        m_notifier(notifier) {}

  // Runs until a stop signal; returns the exit code.
  int run(const sigset_t& signals) {
    refresh_snapshot();
    for (;;) {
      m_notifier.watchdog();
      if (fetch_due() && Clock::now() >= m_fetch.next) {
        if (!fetch()) {
          return stop();
        }
      }
      if (render_due() && !stop_pending()) {
        if (!render()) {
          return stop();
        }
      }
      m_notifier.status(summary());
      Wake wake = wait_until(signals, wake_time());
      if (wake == Wake::stop) {
        return stop();
      }
      if (wake == Wake::reload) {
        reload();
      }
    }
  }

 private:
  bool fetch_due() const {
    util::TimePoint now = util::now();
    if (m_snapshot_failed || (m_shown.next_due && *m_shown.next_due <= now)) {
      return true;
    }
    return !m_config.reading_lists.empty() &&
           (!m_lists_fetched || *m_lists_fetched + k_unscheduled_interval <= now);
  }

  bool render_due() const {
    Clock::time_point now = Clock::now();
    return m_render_needed && now >= m_render.next &&
           (!m_last_render || now >= *m_last_render + m_config.planet.render_interval);
  }

  // One fetch cycle over the due feeds; false when a stop signal cancelled it.
  bool fetch() {
    CycleOptions options;
    options.fetch = FetchMode::due;
    options.render = RenderMode::skip;
    options.hub = HubPing::skip;
    options.store = &m_planet_store.store();
    // Feeds due within the batch window come along: a large planet makes few fetches.
    options.due_window = schedule::batch_window(
        {m_config.planet.min_poll_interval, m_config.planet.max_poll_interval});
    // The reading lists are fetched again at most every k_unscheduled_interval.
    util::TimePoint started = util::now();
    options.refresh_lists =
        !m_lists_fetched || *m_lists_fetched + k_unscheduled_interval <= started;
    options.cancelled = [this] {
      m_notifier.watchdog();  // a long fetch is still the main loop at work
      return stop_pending();
    };
    auto report = run_cycle(m_config, options);
    if (report && options.refresh_lists) {
      m_lists_fetched = started;
    }
    if (!report && report.error().kind == CycleError::Kind::cancelled) {
      return false;
    }
    if (report) {
      log_report(m_config, *report);
      m_fetch.succeeded("fetching");
      if (report->fetched > 0 || report->added > 0 || report->updated > 0) {
        m_render_needed = true;
      }
    } else {
      m_fetch.failed("fetch", report.error().message);
    }
    refresh_snapshot();
    return true;
  }

  void refresh_snapshot() {
    try {
      Snapshot now = snapshot(m_planet_store.store(), m_config, util::now());
      if (now.feeds != m_shown.feeds) {
        m_render_needed = true;
      }
      m_shown = std::move(now);
      m_snapshot_failed = false;
    } catch (const std::exception& e) {
      m_fetch.failed("reading the feed states", e.what());
      m_snapshot_failed = true;  // try again (after the backoff)
    }
  }

  // Renders the pages; false when a stop signal cancelled it (between two output files).
  bool render() {
    CycleOptions options;
    options.fetch = FetchMode::none;
    options.render = RenderMode::render;
    options.store = &m_planet_store.store();
    options.cancelled = [this] {
      m_notifier.watchdog();  // a long render (archives) is still the main loop at work
      return stop_pending();
    };
    auto report = run_cycle(m_config, options);
    if (!report && report.error().kind == CycleError::Kind::cancelled) {
      spdlog::info("daemon: {}", report.error().message);
      return false;
    }
    m_last_render = Clock::now();
    if (report) {
      m_render_needed = false;
      m_last_render_wall = util::now();
      m_render.succeeded("rendering");
      spdlog::info("{}: rendered {} files", m_config.planet.name, report->written.size());
    } else {
      m_render.failed("render", report.error().message);
    }
    return true;
  }

  Clock::time_point wake_time() const {
    Clock::time_point now = Clock::now();
    Clock::time_point wake = now + k_max_sleep;
    if (m_snapshot_failed) {
      wake = now;
    } else if (m_shown.next_due) {
      auto until = std::max(*m_shown.next_due - util::now(), std::chrono::seconds{0});
      wake = std::min(wake, now + until);
    }  // else no feed to poll: only a reload (or the longest sleep) changes that
    if (!m_config.reading_lists.empty() && m_lists_fetched) {
      auto until = std::max(*m_lists_fetched + k_unscheduled_interval - util::now(),
                            std::chrono::seconds{0});
      wake = std::min(wake, now + until);
    }
    wake = std::max(wake, m_fetch.next);
    if (m_render_needed) {
      Clock::time_point render_at = m_render.next;
      if (m_last_render) {
        render_at = std::max(render_at, *m_last_render + m_config.planet.render_interval);
      }
      wake = std::min(wake, render_at);
    }
    wake = std::max(wake, now + k_min_sleep);
    if (auto watchdog = m_notifier.next_watchdog()) {
      wake = std::min(wake, *watchdog);
    }
    return wake;
  }

  // The one-line STATUS: degraded first, then the feeds and the schedule.
  std::string summary() const {
    std::string line;
    for (const Retry* stage : {&m_fetch, &m_render}) {
      if (!stage->problem.empty()) {
        line += (line.empty() ? "degraded: " : "; ") + stage->problem;
      }
    }
    if (!line.empty()) {
      line += "; ";
    }
    line += std::to_string(m_shown.subscribed) + " feeds, " + std::to_string(m_shown.failing) +
            " failing";
    if (m_shown.next_due) {
      line += "; next poll " + util::format_rfc3339(*m_shown.next_due);
    }
    if (m_last_render_wall) {
      line += "; pages rendered " + util::format_rfc3339(*m_last_render_wall);
    }
    return line;
  }

  void reload() {
    auto reloaded = config::load(m_options.config_paths);
    if (!reloaded) {
      spdlog::error("{}; keeping the previous config", reloaded.error().message);
      return;
    }
    if (reloaded->planet.cache_directory != m_config.planet.cache_directory) {
      spdlog::error(
          "{}: cache_directory changed from {} to {}: restart the daemon to move the planet; "
          "keeping the previous config",
          reloaded->path.string(), m_config.planet.cache_directory.string(),
          reloaded->planet.cache_directory.string());
      return;
    }
    m_config = std::move(*reloaded);
    if (m_options.on_config) {
      m_options.on_config(m_config);
    }
    for (const std::string& warning : m_config.warnings) {
      spdlog::warn("{}", warning);
    }
    spdlog::info("daemon: reloaded {}: {} feeds", m_config.path.string(), m_config.feeds.size());
    m_render_needed = true;  // the feed list, the theme or the output may have changed
    m_fetch.next = Clock::now();
    m_render.next = Clock::now();
    m_last_render.reset();
    refresh_snapshot();
  }

  int stop() {
    m_notifier.send("STOPPING=1");
    spdlog::info("daemon: stopping");
    return 0;
  }

  const DaemonOptions& m_options;
  config::Config m_config;
  PlanetStore m_planet_store;  // holds the run lock for the daemon's lifetime
  Notifier& m_notifier;
  Snapshot m_shown;
  bool m_snapshot_failed = false;  // the feed states could not be read: fetch (after backoff)
  bool m_render_needed = true;     // the pages are rendered once at start
  std::optional<Clock::time_point> m_last_render;
  std::optional<util::TimePoint> m_last_render_wall;
  std::optional<util::TimePoint> m_lists_fetched;  // the last fetch that re-read the reading lists
  Retry m_fetch;
  Retry m_render;
};

}  // namespace

int run_daemon(const DaemonOptions& options) {
  sigset_t signals = daemon_signals();
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  Notifier notifier = Notifier::from_environment();
  auto loaded = config::load(options.config_paths);
  if (!loaded) {
    spdlog::error("{}", loaded.error().message);
    return 1;
  }
  auto opened = PlanetStore::open(loaded->planet);
  if (!opened) {
    spdlog::error("{}", opened.error().message);
    return opened.error().kind == CycleError::Kind::locked ? 75 : 1;
  }
  auto checked = opened->store().quick_check();
  if (!checked) {
    spdlog::error("{}", checked.error().message);
    return 1;
  }
  spdlog::info("daemon: {} feeds, pid {}", loaded->feeds.size(), ::getpid());
  notifier.send("READY=1");
  Daemon daemon(options, std::move(*loaded), std::move(*opened), notifier);
  return daemon.run(signals);
}

}  // namespace orrery::app
