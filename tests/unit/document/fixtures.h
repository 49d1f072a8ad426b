#pragma once
// A small planet for the document tests: two subscriptions with stored status (one failing)
// and one never fetched, four entries.

#include <string>
#include <vector>

#include "config/config.h"
#include "document/document.h"
#include "model/stored.h"
#include "util/time.h"

namespace orrery::document::test {

inline util::TimePoint at(int year, int month, int day, int hour, int minute) {
  return *util::from_civil(year, month, day, hour, minute, 0);
}

// Owns what the SpliceInput points to; neither copyable nor movable for that reason.
struct Planet {
  static constexpr const char* k_ann = "https://ann.example.org/feed.xml";
  static constexpr const char* k_bob = "https://bob.example.net/atom.xml";
  static constexpr const char* k_new = "https://new.example.com/rss";

  config::Config config;
  std::vector<model::ChannelStatus> channels;
  std::vector<model::StoredEntry> entries;
  SpliceInput input;

  Planet() {
    config.planet.name = "Planet Test";
    config.planet.link = "https://planet.example.org/";
    config.planet.owner_name = "Olive Owner";
    config.planet.owner_email = "olive@example.org";
    config.planet.raw = {{"generator_uri", "https://orrery.example/"}};
    config::FeedSettings ann;
    ann.url = k_ann;
    ann.name = "Ann's Notes";
    ann.raw = {{"name", "Ann's Notes"}, {"face", "ann.png"}, {"ignore_in_feed", "tags"}};
    config::FeedSettings bob;
    bob.url = k_bob;
    bob.name = "Bob Builds";
    bob.raw = {{"name", "Bob Builds"}};
    config::FeedSettings fresh;
    fresh.url = k_new;
    fresh.name = "Not Yet";
    fresh.raw = {{"name", "Not Yet"}};
    config.feeds = {ann, bob, fresh};

    model::ChannelStatus a;
    a.state.id = 1;
    a.state.url = k_ann;
    a.state.last_status = 200;
    a.state.validators.etag = "\"abc\"";
    a.state.format = "rss20";
    a.state.http_location = "https://ann.example.org/feed.xml?moved=1";
    a.channel.title_plain = "Ann Black on the Record";
    a.channel.link = "https://ann.example.org/";
    a.channel.id = "tag:ann.example.org,2023:feed";
    a.channel.subtitle_plain = "Notes & minutes";
    a.channel.subtitle_html = "Notes &amp; <em>minutes</em>";
    a.channel.language = "en-GB";
    a.channel.updated = at(2023, 7, 29, 11, 10);
    model::ChannelStatus b;
    b.state.id = 2;
    b.state.url = k_bob;
    b.state.last_status = 404;
    b.state.consecutive_failures = 2;
    b.state.last_error = "fetch: HTTP 404 Not Found";
    b.state.format = "atom10";  // from its last parsed copy, kept while it fails
    b.state.bozo = true;
    b.channel.title_plain = "Bob <Builds>";
    b.channel.link = "https://bob.example.net/";
    channels = {a, b};

    model::StoredEntry a1;
    a1.feed_id = 1;
    a1.feed_url = k_ann;
    a1.entry.key = "https://ann.example.org/?p=1";
    a1.entry.id = "https://ann.example.org/?p=1";
    a1.entry.link = "https://ann.example.org/2023/07/nec-meeting/";
    a1.entry.title_html = "NEC Meeting, 25 July 2023";
    a1.entry.title_plain = "NEC Meeting, 25 July 2023";
    a1.entry.author.name = "Ann Black";
    a1.entry.author.email = "ann@example.org";
    a1.entry.content_html =
        "<p>NEC members gathered <em>after</em> an exhausting week.<br />Then:</p>"
        "<pre>  two  spaces</pre>";
    a1.entry.summary_html = "NEC members gathered &amp; talked.";
    a1.entry.tags = {"NEC", "reports"};
    a1.entry.updated = at(2023, 7, 29, 11, 10);
    a1.entry.published = at(2023, 7, 28, 9, 0);
    a1.entry.enclosures = {{"https://ann.example.org/nec.mp3", "audio/mpeg", 12345}};
    model::StoredEntry a2;
    a2.feed_id = 1;
    a2.feed_url = k_ann;
    a2.entry.key = "npf";
    a2.entry.link = "https://ann.example.org/2023/07/npf/";
    a2.entry.title_html = "Tom &amp; Jerry &lt;script&gt;";
    a2.entry.title_plain = "Tom & Jerry <script>";
    a2.entry.summary_html = "<p>The national&nbsp;policy forum.</p>";
    a2.entry.language = "fr";
    a2.entry.updated = at(2023, 7, 29, 10, 28);
    model::StoredEntry b1;
    b1.feed_id = 2;
    b1.feed_url = k_bob;
    b1.entry.key = "b1";
    b1.entry.link = "javascript:alert(1)";
    b1.entry.content_html = "<p>An untitled note.</p>";
    b1.entry.author.email = "bob@example.net";
    b1.entry.updated = at(2023, 7, 26, 15, 47);
    model::StoredEntry gone;
    gone.feed_id = 9;
    gone.feed_url = "https://gone.example.com/feed";
    gone.entry.key = "g";
    gone.entry.id = "tag:gone.example.com,2020:1";
    gone.entry.title_plain = "From a feed no longer subscribed";
    gone.entry.updated = at(2023, 7, 20, 8, 0);
    entries = {a1, a2, b1, gone};

    input.config = &config;
    input.entries = entries;
    input.channels = channels;
    input.now = at(2023, 7, 30, 12, 0);
    input.generator = "orrery 0.1.0";
  }
  Planet(const Planet&) = delete;
  Planet& operator=(const Planet&) = delete;

  Source source_of_ann() const { return Source{&config.feeds[0], &channels[0], k_ann}; }
};

}  // namespace orrery::document::test
