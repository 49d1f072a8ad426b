#include "app/cycle.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <optional>
#include <system_error>
#include <thread>

#include "app/filter_stage.h"
#include "app/hub_ping.h"
#include "app/parse_workers.h"
#include "app/publish.h"
#include "app/reading_lists.h"
#include "app/run_lock.h"
#include "app/version.h"
#include "fetch/fetcher.h"
#include "model/limits.h"
#include "schedule/schedule.h"
#include "store/store.h"
#include "util/hash.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::app {

namespace {

using Clock = std::chrono::steady_clock;

util::Unexpected<CycleError> fatal(std::string message) {
  return util::Unexpected<CycleError>(CycleError{CycleError::Kind::fatal, std::move(message)});
}

// One subscription during a cycle: its settings and the state the store had for it.
struct Subscription {
  const config::FeedSettings* settings = nullptr;
  model::FeedState state;
};

// Venus's future_dates, per feed (feeds inherit the [Planet] value).
store::ApplyOptions apply_options(const config::FeedSettings& settings) {
  store::ApplyOptions options;
  switch (settings.future_dates) {
    case config::FutureDates::keep:
      break;
    case config::FutureDates::ignore_date:
      options.future_dates = store::FutureDates::ignore_date;
      break;
    case config::FutureDates::ignore_entry:
      options.future_dates = store::FutureDates::ignore_entry;
      break;
  }
  return options;
}

// The body's identity for "did anything change": includes orrery's version, so an upgrade
// that parses differently re-reads every feed once.
std::string body_hash(const std::string& body) { return util::stable_hash_hex({k_version, body}); }

// Venus's planet:http_location: the address a successful HTTP(S) fetch read the feed from, after
// redirects (httplib2's content-location); kept from the last success otherwise.
void note_location(model::FeedState& state, const model::FetchResult& result) {
  if (!result.ok()) {
    return;
  }
  const std::string& where = result.final_url.empty() ? result.url : result.final_url;
  std::string scheme = util::to_lower(util::url_scheme(where));
  if (scheme == "http" || scheme == "https") {
    state.http_location = where;
  }
}

fetch::FetcherOptions fetcher_options(const config::PlanetSettings& planet) {
  fetch::FetcherOptions options;
  options.user_agent = user_agent(planet);
  if (planet.spider_threads > 0) {
    options.max_concurrency = planet.spider_threads;
  }
  options.cycle_deadline = model::limits::k_cycle_deadline;
  return options;
}

class Cycle {
 public:
  Cycle(const config::Config& config, const CycleOptions& options, store::Store& store,
        util::TimePoint now)
      : m_config(config),
        m_options(options),
        m_store(store),
        m_now(now),
        m_intervals{config.planet.min_poll_interval, config.planet.max_poll_interval},
        m_filters(config) {}

  void refresh(CycleReport& report);

 private:
  void on_result(model::FetchResult&& result, ParseWorkers& workers, CycleReport& report);
  void on_parsed(ParseJob&& job, CycleReport& report);
  void apply(const Subscription& sub, const model::FeedUpdate& update, std::size_t body_bytes,
             CycleReport& report);
  void report_failure(const Subscription& sub, model::FeedState& state,
                      const model::FetchResult& result);
  void report_recovery(const Subscription& sub, model::FeedState& state);
  void report_move(const Subscription& sub, const model::FeedState& state);

  const config::Config& m_config;
  const CycleOptions& m_options;
  store::Store& m_store;
  CycleProgress m_progress;
  util::TimePoint m_now;
  schedule::Intervals m_intervals;
  std::map<std::int64_t, Subscription> m_subscriptions;
  FilterStage m_filters;  // Venus's filters, between normalise and store
};

void Cycle::refresh(CycleReport& report) {
  // Feeds written in the config are trusted; feeds from a reading list are not (issue 5).
  std::vector<model::FeedState> written, listed;
  for (const config::FeedSettings& feed : m_config.feeds) {
    model::FeedState state = m_store.ensure_feed(feed.url);
    m_subscriptions[state.id] = Subscription{&feed, state};
    if (m_options.fetch == FetchMode::only_new && state.last_fetched) {
      continue;  // -n: fetched before
    }
    (feed.reading_list.empty() ? written : listed).push_back(std::move(state));
  }
  schedule::Policy policy;
  policy.limits.total_timeout = m_config.planet.feed_timeout;
  if (m_config.planet.allow_private_networks) {
    policy.private_networks = model::PrivateNetworks::allow;
  }
  schedule::Policy listed_policy = policy;
  listed_policy.allow_file_urls = false;
  if (listed_policy.private_networks != model::PrivateNetworks::allow) {
    listed_policy.private_networks = model::PrivateNetworks::refuse;
  }
  // -n fetches the never-fetched feeds, which are all due; --all fetches every feed.
  const auto plan = [&](const std::vector<model::FeedState>& states, const schedule::Policy& with) {
    return m_options.fetch == FetchMode::all ? schedule::plan_all(states, with)
                                             : schedule::plan(states, m_now, with);
  };
  std::vector<model::FetchRequest> requests = plan(written, policy);
  for (model::FetchRequest& request : plan(listed, listed_policy)) {
    requests.push_back(std::move(request));
  }
  report.skipped = static_cast<int>(m_config.feeds.size() - requests.size());
  m_progress.total = static_cast<int>(requests.size());

  fetch::FetcherOptions options = fetcher_options(m_config.planet);
  options.cancelled = m_options.cancelled;
  fetch::Fetcher fetcher(options);
  // Parsing runs beside the fetch loop; the store is written from this thread only.
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  ParseWorkers workers(threads, 2 * threads + 2);
  fetcher.run(requests, [&](model::FetchResult&& result) {
    on_result(std::move(result), workers, report);
    for (ParseJob& job : workers.take_finished()) {
      on_parsed(std::move(job), report);
    }
  });
  for (ParseJob& job : workers.wait_all()) {
    on_parsed(std::move(job), report);
  }
}

void Cycle::on_result(model::FetchResult&& result, ParseWorkers& workers, CycleReport& report) {
  auto it = m_subscriptions.find(result.feed_id);
  if (it == m_subscriptions.end()) {
    return;  // cannot happen: the fetcher answers only what it was asked
  }
  const Subscription& sub = it->second;
  const std::string& url = sub.settings->url;
  if (result.ok() && !result.not_modified) {
    if (std::string hash = body_hash(result.body); hash != sub.state.content_hash) {
      ParseJob job;
      job.settings = sub.settings;
      job.result = std::move(result);
      job.content_hash = std::move(hash);
      // The planet's pages show a link where an iframe (a video) was removed; `orrery parse`
      // keeps feedparser's output and leaves this off.
      job.clean.embeds_as_links = true;
      workers.submit(std::move(job));
      return;
    }
  }
  model::FeedUpdate update;
  update.now = m_now;
  update.state = schedule::after_poll(sub.state, result, nullptr, m_now, m_intervals);
  report_move(sub, update.state);
  note_location(update.state, result);
  if (!result.ok()) {
    report_failure(sub, update.state, result);
    report.failed++;
  } else {
    // A 304, or the same bytes as last time (a server without validators): nothing to parse.
    spdlog::debug("feed {}: {}", url, result.not_modified ? "not modified" : "unchanged body");
    report_recovery(sub, update.state);
    report.not_modified++;
  }
  apply(sub, update, result.body.size(), report);
}

void Cycle::on_parsed(ParseJob&& job, CycleReport& report) {
  const Subscription& sub = m_subscriptions.at(job.result.feed_id);
  model::FeedUpdate update;
  update.now = m_now;
  schedule::ParseOutcome parse;
  if (job.feed) {
    parse.parsed = true;
    parse.recovered = job.warning;
    parse.hints = schedule::hints_of(*job.feed, m_now);  // the feed as published, before filters
  } else {
    parse.error = job.error;
  }
  update.state = schedule::after_poll(sub.state, job.result, &parse, m_now, m_intervals);
  report_move(sub, update.state);
  note_location(update.state, job.result);
  if (job.feed) {
    // The copy that parsed gives the feed's format and bozo flag; a failed parse keeps the last.
    update.state.format = std::move(job.format);
    update.state.bozo = job.bozo;
    update.state.no_data = job.feed->entries.empty();  // before filters, as Venus counts
    if (update.state.no_data) {
      spdlog::debug("feed {}: no data (the feed lists no entry)", sub.settings->url);
    }
    if (!m_filters.empty()) {
      m_filters.run(*job.feed, *sub.settings, m_now);
    }
    update.feed = std::move(job.feed);
    update.state.content_hash = std::move(job.content_hash);
    report_recovery(sub, update.state);
    report.fetched++;
  } else {
    update.state.content_hash.clear();
    report_failure(sub, update.state, job.result);
    report.failed++;
  }
  apply(sub, update, job.result.body.size(), report);
}

// Cron mails what orrery prints at the default level (WARNING), so a failing feed is printed
// when it starts failing, once a day while it stays down, and when it recovers; every other
// run logs it at debug level (schedule::notice decides, the store remembers).
void Cycle::report_failure(const Subscription& sub, model::FeedState& state,
                           const model::FetchResult& result) {
  const std::string& url = sub.settings->url;
  const schedule::Notice notice = schedule::notice(sub.state, state, m_now);
  const std::string next = util::format_rfc3339(state.next_due.value_or(m_now));
  // A fetch failure says so; a parse failure's last_error already starts with "parse: ".
  std::string what = result.ok() ? state.last_error : "fetch: " + state.last_error;
  if (result.status == 410) {
    what += "; polling it again after " + next + "; remove it from the config";
  } else if (!sub.settings->reading_list.empty() &&
             util::istarts_with(result.error, "refused to connect to private address")) {
    what += fmt::format(" (a feed from reading list {}; allow_private_networks lets it)",
                        sub.settings->reading_list);
  }
  switch (notice) {
    case schedule::Notice::started_failing:
      spdlog::warn("feed {}: {}", url, what);
      break;
    case schedule::Notice::still_failing:
      spdlog::warn("feed {}: still failing since {} ({} failures in a row): {}", url,
                   util::format_rfc3339(state.failing_since.value_or(m_now)),
                   state.consecutive_failures, what);
      break;
    default:
      spdlog::debug("feed {}: {} ({} failures in a row; next try {})", url, what,
                    state.consecutive_failures, next);
      break;
  }
}

void Cycle::report_recovery(const Subscription& sub, model::FeedState& state) {
  const std::string& url = sub.settings->url;
  switch (schedule::notice(sub.state, state, m_now)) {
    case schedule::Notice::recovered:
      spdlog::warn("feed {}: recovered after {} failure{} since {}", url,
                   sub.state.consecutive_failures, sub.state.consecutive_failures == 1 ? "" : "s",
                   util::format_rfc3339(sub.state.failing_since.value_or(m_now)));
      if (state.recovered_since && !sub.state.recovered_since) {
        spdlog::warn("feed {}: parse: {} (recovered; shown once)", url, state.recovered_warning);
      }
      break;
    case schedule::Notice::first_recovery:
      spdlog::warn("feed {}: parse: {} (recovered; shown once)", url, state.recovered_warning);
      break;
    default:
      if (!state.recovered_warning.empty()) {
        spdlog::debug("feed {}: parse: {} (recovered)", url, state.recovered_warning);
      }
      break;
  }
}

void Cycle::report_move(const Subscription& sub, const model::FeedState& state) {
  if (!state.moved_to.empty() && state.moved_to != sub.state.moved_to) {
    spdlog::warn("feed {}: moved permanently to {}; orrery follows it, update the config",
                 sub.settings->url, state.moved_to);
  }
}

void Cycle::apply(const Subscription& sub, const model::FeedUpdate& update, std::size_t body_bytes,
                  CycleReport& report) {
  const std::string& url = sub.settings->url;
  try {
    store::ApplyStats stats = m_store.apply(update, apply_options(*sub.settings));
    report.added += stats.added;
    report.updated += stats.updated;
    spdlog::debug("feed {}: {} new, {} updated, {} unchanged", url, stats.added, stats.updated,
                  stats.unchanged);
  } catch (const std::exception& e) {
    // The store rolled this feed back; its stored entries are intact. The cycle goes on.
    spdlog::error("feed {}: store: {}", url, e.what());
    report.failed++;
  }
  m_progress.done++;
  m_progress.failed = report.failed;
  m_progress.bytes += static_cast<std::int64_t>(body_bytes);
  if (m_options.on_progress) {
    m_options.on_progress(m_progress);
  }
}

}  // namespace

std::string user_agent(const config::PlanetSettings& planet) {
  std::string ua = std::string("orrery/") + k_version;
  if (!planet.link.empty()) {
    ua += " (+" + planet.link + ")";
  }
  return ua;
}

util::Result<CycleReport, CycleError> run_cycle(const config::Config& config,
                                                const CycleOptions& options) {
  Clock::time_point started = Clock::now();
  const config::PlanetSettings& planet = config.planet;
  std::error_code ec;
  std::filesystem::create_directories(planet.cache_directory, ec);
  if (ec) {
    return fatal(planet.cache_directory.string() +
                 ": cannot create cache directory: " + ec.message());
  }
  std::optional<RunLock> held;  // none when the caller holds the lock (options.store)
  if (!options.store) {
    auto lock = RunLock::try_acquire(planet.cache_directory / "orrery.lock");
    if (!lock) {
      return fatal(lock.error().message);
    }
    if (!lock->has_value()) {
      return util::Unexpected<CycleError>(CycleError{
          CycleError::Kind::locked, RunLock::held_message(planet.cache_directory / "orrery.lock")});
    }
    held = std::move(**lock);
  }

  CycleReport report;
  util::TimePoint now = util::now();
  try {
    // The feeds of the reading lists join the config's for this cycle (and its page).
    std::optional<config::Config> with_lists;
    if (!config.reading_lists.empty()) {
      with_lists = config;
      add_reading_list_feeds(*with_lists,
                             options.fetch == FetchMode::none || !options.refresh_lists
                                 ? ListSource::cache_only
                                 : ListSource::fetch,
                             fetcher_options(planet));
    }
    const config::Config& subscribed = with_lists ? *with_lists : config;
    report.feeds = static_cast<int>(subscribed.feeds.size());
    std::optional<store::Store> own;
    store::Store& store =
        options.store ? *options.store : own.emplace(planet.cache_directory / "orrery.db");
    Cycle cycle(subscribed, options, store, now);
    // One durable commit for the cycle; each feed still rolls back alone (a savepoint).
    if (options.fetch != FetchMode::none) {
      store.begin_batch();
      try {
        cycle.refresh(report);
        if (options.cancelled && options.cancelled()) {
          store.rollback_batch();
          return util::Unexpected<CycleError>(
              CycleError{CycleError::Kind::cancelled, "cycle cancelled: nothing stored"});
        }
        store.commit_batch();
        store.checkpoint_in_background();  // while the pages are rendered
      } catch (...) {
        store.rollback_batch();
        throw;
      }
    }
    if (options.render == RenderMode::skip) {
      report.elapsed =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
      return report;
    }
    auto published = publish(subscribed, store, now, options.debug_splice);
    if (!published) {
      return fatal(published.error().message);
    }
    report.written = std::move(*published);
    if (options.hub == HubPing::ping) {
      ping_hub(planet, hub_topics(planet, report.written), fetcher_options(planet));
    }
  } catch (const std::exception& e) {
    return fatal(e.what());
  }
  report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return report;
}

}  // namespace orrery::app
