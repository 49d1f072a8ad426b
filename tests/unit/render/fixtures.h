#pragma once
// A small fixed planet for the render tests: three subscriptions (one failing), five entries
// over two days, one with a hostile title and a javascript: link.

#include <string>

#include "config/config.h"
#include "model/stored.h"
#include "render/render.h"
#include "util/strings.h"
#include "util/time.h"

namespace orrery::render::test {

inline util::TimePoint at(int year, int month, int day, int hour, int minute) {
  return *util::from_civil(year, month, day, hour, minute, 0);
}

inline model::StoredEntry stored(std::int64_t feed_id, std::string feed_url, std::string title,
                                 util::TimePoint updated) {
  model::StoredEntry s;
  s.feed_id = feed_id;
  s.feed_url = std::move(feed_url);
  s.entry.key = title;
  s.entry.title_plain = title;
  s.entry.title_html = util::escape_html(title);  // a text title, as normalise stores it
  s.entry.updated = updated;
  s.first_seen = updated;
  return s;
}

inline model::ChannelStatus channel(std::int64_t id, std::string url, std::string title,
                                    std::string link) {
  model::ChannelStatus c;
  c.state.id = id;
  c.state.url = std::move(url);
  c.state.last_status = 200;
  c.state.last_fetched = at(2023, 7, 29, 11, 30);
  c.channel.title_plain = std::move(title);
  c.channel.link = std::move(link);
  return c;
}

// Owns the config the input points to; neither copyable nor movable for that reason.
struct Planet {
  static constexpr const char* k_ann = "https://ann.example.org/feed.xml";
  static constexpr const char* k_bob = "https://bob.example.net/atom.xml";
  static constexpr const char* k_gone = "https://gone.example.com/rss";

  config::Config config;
  RenderInput input;

  Planet() {
    config.planet.name = "Planet Test";
    config.planet.link = "https://planet.example.org/";
    config.planet.owner_name = "Olive Owner";
    config.planet.owner_email = "olive@example.org";
    config::FeedSettings ann;
    ann.url = k_ann;
    ann.name = "Ann's Notes";
    ann.raw = {{"name", "Ann's Notes"}, {"face", "ann.png"}};
    config::FeedSettings bob;
    bob.url = k_bob;
    config::FeedSettings gone;
    gone.url = k_gone;
    gone.name = "Gone Away";
    config.feeds = {ann, bob, gone};

    input.config = &config;
    input.now = at(2023, 7, 29, 12, 0);
    input.generator = "orrery 0.1.0";
    input.channels = {channel(1, k_ann, "Ann Black on the Record", "https://ann.example.org/"),
                      channel(2, k_bob, "Bob <Builds>", "https://bob.example.net/"),
                      channel(3, k_gone, "", "")};
    input.channels[2].state.consecutive_failures = 3;
    input.channels[2].state.last_status = 410;
    input.channels[2].state.last_error = "fetch: HTTP 410 Gone";

    model::StoredEntry a1 = stored(1, k_ann, "NEC Meeting, 25 July 2023", at(2023, 7, 29, 11, 10));
    a1.entry.id = "https://ann.example.org/?p=1";
    a1.entry.link = "https://ann.example.org/2023/07/nec-meeting/";
    a1.entry.author.name = "Ann Black";
    a1.entry.content_html = "<p>NEC members gathered after an exhausting week.</p>";
    a1.entry.language = "en-GB";
    a1.entry.tags = {"NEC", "reports"};
    model::StoredEntry a2 =
        stored(1, k_ann, "Tom & Jerry <script>alert(1)</script>", at(2023, 7, 29, 10, 28));
    a2.entry.link = "https://ann.example.org/2023/07/npf/";
    a2.entry.author.name = "Ann Black";
    a2.entry.summary_html = "<p>The national policy forum &amp; friends.</p>";
    model::StoredEntry b1 = stored(2, k_bob, "", at(2023, 7, 26, 15, 47));
    b1.entry.key = "b1";
    b1.entry.link = "javascript:alert(1)";
    b1.entry.content_html = "<p>An untitled note.</p>";
    model::StoredEntry b2 = stored(2, k_bob, "Shipping it", at(2023, 7, 26, 9, 0));
    b2.entry.id = "tag:bob.example.net,2023:2";
    b2.entry.link = "https://bob.example.net/shipping";
    b2.entry.author.name = "Bob";
    b2.entry.content_html = "<p>It shipped.</p>";
    b2.entry.published = at(2023, 7, 25, 20, 0);
    model::StoredEntry a3 = stored(1, k_ann, "Earlier that day", at(2023, 7, 26, 8, 0));
    a3.entry.link = "https://ann.example.org/earlier";
    a3.entry.author.name = "Ann Black";
    a3.entry.content_html = "<p>Before Bob.</p>";
    input.entries = {a1, a2, b1, b2, a3};
  }
  Planet(const Planet&) = delete;
  Planet& operator=(const Planet&) = delete;
};

}  // namespace orrery::render::test
