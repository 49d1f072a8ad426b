#include "render/health_page.h"

#include <array>
#include <cctype>
#include <vector>

#include "util/strings.h"
#include "util/time_zone.h"

namespace orrery::render {

namespace {

using health::FeedHealth;
using health::State;

std::string esc(std::string_view s) { return util::escape_html(s); }

// Light and dark schemes; every text colour passes WCAG AA (4.5:1) on its background.
constexpr std::string_view k_style = R"css(
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1b; --muted: #4a4a4a;
  --link: #0645ad; --line: #d0d0d0; --failing: #a4001d; --gone: #5c4400; --moved: #0b4f8a;
  --recovered: #6a3d00; --ok: #1e5e20; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #141414; --fg: #ececec; --muted: #bdbdbd; --link: #9cc3ff; --line: #3a3a3a;
    --failing: #ff9b9b; --gone: #e6c469; --moved: #9cc3ff; --recovered: #f0b36a; --ok: #8fd694; }
}
body { margin: 0 auto; max-width: 48rem; padding: 1rem; background: var(--bg); color: var(--fg);
  font: 1rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { position: static; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0; }
ul.feeds { list-style: none; padding: 0; margin: 0; }
li.feed { padding: .75rem 0; border-bottom: 1px solid var(--line); }
.words { margin: .25rem 0; font-weight: 600; }
.failing .words { color: var(--failing); }
.gone .words { color: var(--gone); }
.moved .words { color: var(--moved); }
.recovered .words, .inactive .words { color: var(--recovered); }
.ok .words { color: var(--ok); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .25rem 0 0;
  color: var(--muted); font-size: .9rem; }
dd { margin: 0; }
footer { margin-top: 2rem; color: var(--muted); font-size: .9rem; }
)css";

struct Group {
  State state;
  std::string_view id;
  std::string_view heading;
};

constexpr std::array<Group, 7> k_groups = {{
    {State::failing, "failing", "Failing"},
    {State::gone, "gone", "Gone"},
    {State::moved, "moved", "Moved"},
    {State::recovered, "recovered", "Read with recovery"},
    {State::inactive, "inactive", "Inactive"},
    {State::not_fetched, "not-fetched", "Not fetched yet"},
    {State::ok, "ok", "OK"},
}};

// The date and time as the planet's time_zone shows them ("3 May 2026 10:05 CEST"); the
// datetime attribute stays UTC, as in the default theme.
std::string time_element(util::TimePoint t, const util::TimeZone& zone) {
  return "<time datetime=\"" + util::format_rfc3339(t) + "\">" +
         esc(health::day_words(t, zone) + " " + util::format_strftime(t, "%H:%M %Z", zone)) +
         "</time>";
}

std::string day_element(util::TimePoint t, const util::TimeZone& zone) {
  return "<time datetime=\"" + util::format_rfc3339(t) + "\">" + esc(health::day_words(t, zone)) +
         "</time>";
}

// The state in words, with the date as a <time> element.
std::string words_paragraph(const FeedHealth& f, const util::TimeZone& zone) {
  std::string out = "<p class=\"words\">";
  switch (f.state) {
    case State::failing:
    case State::gone:
      out += f.state == State::failing ? "Failing" : "Gone";
      if (f.since) {
        out += " since " + day_element(*f.since, zone);
      }
      out += ": " + esc(f.words);
      break;
    case State::moved:
      out += "Moved to <a href=\"" + esc(f.moved_to) + "\">" + esc(f.moved_to) + "</a>";
      break;
    case State::ok:
      out += "OK";
      break;
    case State::recovered:
      out += "Read with recovery";
      if (f.since) {
        out += " since " + day_element(*f.since, zone);
      }
      out += f.words.empty() ? std::string() : ": " + esc(f.words);
      break;
    default: {
      std::string words = f.words;
      if (!words.empty()) {
        words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
      }
      out += esc(words);
    }
  }
  return out + "</p>\n";
}

void fact(std::string& out, std::string_view term, const std::string& html) {
  out.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
}

void feed_item(std::string& out, const FeedHealth& f, const util::TimeZone& zone) {
  out += "<li class=\"feed " + std::string(health::state_name(f.state)) + "\">\n<h3>";
  out += f.link.empty() ? esc(f.name) : "<a href=\"" + esc(f.link) + "\">" + esc(f.name) + "</a>";
  out += "</h3>\n" + words_paragraph(f, zone) + "<dl>\n";
  if (!f.public_url.empty()) {
    fact(out, "Feed", "<a href=\"" + esc(f.public_url) + "\">" + esc(f.public_url) + "</a>");
  }
  if (!f.moved_to.empty() && f.state != State::moved) {
    fact(out, "Moved to", "<a href=\"" + esc(f.moved_to) + "\">" + esc(f.moved_to) + "</a>");
  }
  if (f.last_status != 0) {
    fact(out, "Last HTTP status", std::to_string(f.last_status));
  }
  if (f.consecutive_failures > 0) {
    fact(out, "Failed attempts in a row", std::to_string(f.consecutive_failures));
  }
  if (f.last_fetched) {
    fact(out, "Last checked", time_element(*f.last_fetched, zone));
  }
  if (f.last_success && f.consecutive_failures > 0) {
    fact(out, "Last success", time_element(*f.last_success, zone));
  }
  if (f.last_new_entry) {
    fact(out, "Last new entry found", time_element(*f.last_new_entry, zone));
  }
  if (f.newest_entry) {
    fact(out, "Newest entry dated", time_element(*f.newest_entry, zone));
  }
  fact(out, "Entries kept", std::to_string(f.entries_kept));
  out += "</dl>\n</li>\n";
}

void summary(std::string& out, const health::PlanetHealth& planet, const util::TimeZone& zone) {
  out += "<p>" + esc(health::counts_line(planet.counts)) + ".";
  if (planet.last_fetched) {
    out += " Last checked " + time_element(*planet.last_fetched, zone) + ".";
  }
  if (planet.newest_entry) {
    out += " Newest entry " + time_element(*planet.newest_entry, zone) + ".";
  }
  out += "</p>\n";
}

}  // namespace

std::string write_health_page(const health::PlanetHealth& planet, const std::string& index_link,
                              const util::TimeZone& zone) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n<title>Feeds of " +
      esc(planet.name) + "</title>\n<style>" + std::string(k_style) +
      "</style>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#feeds\">Skip to the feeds</a>\n"
      "<header>\n";
  if (!index_link.empty()) {
    out += "<p><a href=\"" + esc(index_link) + "\">" + esc(planet.name) + "</a></p>\n";
  }
  out += "<h1>Feeds of " + esc(planet.name) + "</h1>\n";
  summary(out, planet, zone);
  out += "</header>\n<main id=\"feeds\">\n";
  for (const Group& group : k_groups) {
    std::vector<const FeedHealth*> feeds;
    for (const FeedHealth& f : planet.feeds) {
      if (f.state == group.state) {
        feeds.push_back(&f);
      }
    }
    if (feeds.empty()) {
      continue;
    }
    out += "<section aria-labelledby=\"" + std::string(group.id) + "\">\n<h2 id=\"" +
           std::string(group.id) + "\">" + std::string(group.heading) + " (" +
           std::to_string(feeds.size()) + ")</h2>\n<ul class=\"feeds\">\n";
    for (const FeedHealth* f : feeds) {
      feed_item(out, *f, zone);
    }
    out += "</ul>\n</section>\n";
  }
  if (planet.feeds.empty()) {
    out += "<p>This planet has no subscriptions.</p>\n";
  }
  out +=
      "</main>\n<footer>\n<p>The same facts as JSON: <a href=\"health.json\">health.json</a>."
      "</p>\n</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace orrery::render
