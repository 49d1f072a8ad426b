#include "health/health.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "health/words.h"
#include "util/strings.h"
#include "util/url.h"

namespace orrery::health {

namespace {

bool is_web_url(std::string_view url) {
  const std::string scheme = util::url_scheme(util::trim(url));
  return scheme == "http" || scheme == "https";
}

std::string web_url(std::string_view url) {
  return is_web_url(url) ? std::string(util::trim(url)) : std::string();
}

std::string display_name(const config::FeedSettings& settings, const model::ChannelStatus* status,
                         const std::string& public_url) {
  if (!settings.name.empty()) {
    return settings.name;
  }
  if (status != nullptr && !status->channel.title_plain.empty()) {
    return status->channel.title_plain;
  }
  return !public_url.empty() ? public_url : std::string("(a local feed)");
}

// The state and its words, worst first: a failure hides a move, a move hides a recovery.
void judge(FeedHealth& h, const config::FeedSettings& settings, const model::ChannelStatus& status,
           util::TimePoint now) {
  const model::FeedState& st = status.state;
  if (!st.last_fetched && !st.last_success) {
    h.state = State::not_fetched;
    h.words = "not fetched yet";
    return;
  }
  if (st.consecutive_failures > 0) {
    h.state = st.last_status == 410 ? State::gone : State::failing;
    h.words = failure_words(st.last_status, st.last_error);
    if (h.words.empty()) {
      h.words = "the feed could not be fetched";
    }
    h.since = st.failing_since;
    if (!h.since && st.consecutive_failures == 1) {
      h.since = st.last_fetched;  // the only failure of the run is the last attempt
    }
    return;
  }
  if (!h.moved_to.empty()) {
    h.state = State::moved;
    h.words = "moved to " + h.moved_to;
    return;
  }
  if (st.recovered_since || !st.recovered_warning.empty()) {
    h.state = State::recovered;
    h.words = recovery_words(st.recovered_warning);
    h.since = st.recovered_since;
    return;
  }
  std::string inactive = model::inactivity_message(status, settings.activity_threshold, now);
  if (!inactive.empty()) {
    h.state = State::inactive;
    h.words = std::move(inactive);
    return;
  }
  h.state = State::ok;
}

void count(Counts& c, State state) {
  ++c.feeds;
  switch (state) {
    case State::ok:
      ++c.ok;
      break;
    case State::failing:
      ++c.failing;
      break;
    case State::gone:
      ++c.gone;
      break;
    case State::moved:
      ++c.moved;
      break;
    case State::recovered:
      ++c.recovered;
      break;
    case State::inactive:
      ++c.inactive;
      break;
    case State::not_fetched:
      ++c.not_fetched;
      break;
  }
}

void keep_newest(std::optional<util::TimePoint>& newest, const std::optional<util::TimePoint>& t) {
  if (t && (!newest || *t > *newest)) {
    newest = t;
  }
}

}  // namespace

std::string_view state_name(State state) {
  switch (state) {
    case State::failing:
      return "failing";
    case State::gone:
      return "gone";
    case State::moved:
      return "moved";
    case State::recovered:
      return "recovered";
    case State::inactive:
      return "inactive";
    case State::not_fetched:
      return "not_fetched";
    case State::ok:
      break;
  }
  return "ok";
}

FeedHealth assess_feed(const config::FeedSettings& settings, const model::ChannelStatus* status,
                       util::TimePoint now) {
  FeedHealth h;
  h.url = settings.url;
  h.public_url = web_url(settings.url);
  h.name = display_name(settings, status, h.public_url);
  if (status == nullptr) {
    h.words = "not fetched yet";
    return h;
  }
  const model::FeedState& st = status->state;
  h.link = web_url(status->channel.link);
  h.last_status = st.last_status;
  h.error = st.last_error;
  h.consecutive_failures = st.consecutive_failures;
  h.last_fetched = st.last_fetched;
  h.last_success = st.last_success;
  h.next_poll = st.next_due;
  h.next_poll_reason = st.due_reason;
  h.moved_to = web_url(st.moved_to);
  h.last_new_entry = st.last_new_entry;
  h.newest_entry = status->newest_entry;
  h.entries_kept = status->entry_count;
  judge(h, settings, *status, now);
  return h;
}

PlanetHealth assess(const config::Config& config, const std::vector<model::ChannelStatus>& channels,
                    util::TimePoint now) {
  std::map<std::string_view, const model::ChannelStatus*> by_url;
  for (const model::ChannelStatus& channel : channels) {
    by_url.emplace(channel.state.url, &channel);
  }
  PlanetHealth planet;
  planet.name = config.planet.name;
  planet.generated = now;
  for (const config::FeedSettings& feed : config.feeds) {
    auto it = by_url.find(feed.url);
    FeedHealth h = assess_feed(feed, it != by_url.end() ? it->second : nullptr, now);
    count(planet.counts, h.state);
    keep_newest(planet.last_fetched, h.last_fetched);
    keep_newest(planet.newest_entry, h.newest_entry);
    planet.feeds.push_back(std::move(h));
  }
  std::stable_sort(planet.feeds.begin(), planet.feeds.end(),
                   [](const FeedHealth& a, const FeedHealth& b) {
                     return std::forward_as_tuple(a.state, util::to_lower(a.name), a.url) <
                            std::forward_as_tuple(b.state, util::to_lower(b.name), b.url);
                   });
  return planet;
}

std::string day_words(util::TimePoint t, const util::TimeZone& zone) {
  std::string day = util::format_strftime(t, "%d %B %Y", zone);
  return day.size() > 1 && day[0] == '0' ? day.substr(1) : day;
}

std::string sentence(const FeedHealth& feed) {
  switch (feed.state) {
    case State::failing:
    case State::gone: {
      std::string out(state_name(feed.state));
      if (feed.since) {
        out += " since " + day_words(*feed.since);
      }
      return out + ": " + feed.words;
    }
    case State::recovered: {
      std::string out = "read with recovery";
      if (feed.since) {
        out += " since " + day_words(*feed.since);
      }
      return feed.words.empty() ? out : out + ": " + feed.words;
    }
    case State::ok:
      return "ok";
    default:
      return feed.words;
  }
}

std::string counts_line(const Counts& c) {
  std::string line = std::to_string(c.feeds) + (c.feeds == 1 ? " feed: " : " feeds: ") +
                     std::to_string(c.ok) + " ok, " + std::to_string(c.failing) + " failing, " +
                     std::to_string(c.gone) + " gone, " + std::to_string(c.moved) + " moved";
  if (c.recovered > 0) {
    line += ", " + std::to_string(c.recovered) + " read with recovery";
  }
  if (c.inactive > 0) {
    line += ", " + std::to_string(c.inactive) + " inactive";
  }
  if (c.not_fetched > 0) {
    line += ", " + std::to_string(c.not_fetched) + " not fetched yet";
  }
  return line;
}

}  // namespace orrery::health
