#pragma once
// The view model: what templates see, under Planet Venus's names (planet/shell/tmpl.py), built
// from the config, the page's stored entries and the subscriptions' status.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/htmltmpl/template.h"
#include "render/render.h"

namespace orrery::render {

// One subscription as pages show it: its settings, its stored status (nullptr when the store
// knows nothing of it yet) and the name to display.
struct ChannelView {
  const config::FeedSettings* settings = nullptr;  // nullptr for an entry of an unknown feed
  const model::ChannelStatus* status = nullptr;
  std::string url;   // the subscription URL
  std::string name;  // FeedSettings.name, else the channel's title, else the URL
};

// Every subscription of the config, matched with its status by URL, in config order.
class ChannelDirectory {
 public:
  explicit ChannelDirectory(const RenderInput& input);

  // The channel an entry came from (by feed id, else by feed URL). An entry of a feed no longer
  // subscribed gets a view built from its URL alone; the reference stays valid as long as this
  // directory.
  const ChannelView& of(const model::StoredEntry& entry);

  // The subscriptions sorted by display name (case-insensitively, then by URL).
  std::vector<const ChannelView*> sorted_by_name() const;

 private:
  const ChannelView& add(const config::FeedSettings* settings, const std::string& url,
                         std::int64_t feed_id);

  std::deque<ChannelView> m_views;  // a deque: of() hands out references while it grows
  std::map<std::string, const ChannelView*, std::less<>> m_by_url;
  std::map<std::int64_t, const ChannelView*> m_by_id;
  std::map<std::string, const model::ChannelStatus*, std::less<>> m_status_by_url;
  std::map<std::int64_t, const model::ChannelStatus*> m_status_by_id;
};

// A link fit for href/src: http, https and ftp URLs pass, anything else (javascript:, data:,
// relative junk) becomes "". Defence in depth behind normalise/.
std::string safe_link(std::string_view url);

// The context of one output file, under Venus's names. Precondition: input.config != nullptr.
//
// Planet-wide: name, link, owner_name, owner_email, generator, date, date_iso, date_822 (now),
// feed and feedtype (atom.xml), url (the page's own URL, from `output_name`), then every key of
// `template_settings` (the template's own config section) and of [Planet] not set otherwise.
//
// Items, one row per entry in input order: title and title_plain (both text), content (HTML:
// the content, else the summary), summary, link, id, guid_isPermaLink, author, author_name,
// author_email, author_uri, category, enclosure_href/_type/_length, date/date_iso/date_822
// (updated), updated*, published*, title/content/summary_language, new_date (new_date_format,
// only on the first item of a day), new_channel (when the channel differs from the previous
// item's, and on the first item of a day, as Venus does), and the channel's variables below
// prefixed channel_ (channel_name, channel_link, channel_url, channel_title, channel_face…).
//
// Channels, the subscriptions by name: name (FeedSettings.name, else the feed's title, else
// its URL), url (the feed), link (its site), title, title_plain, subtitle, id, icon, logo,
// rights, generator, author*, language, last_updated*, message (the last error while failing),
// http_status, entry_count, and every key of the subscription's config section.
//
// Every string is text (HTML-escaped wherever it goes) except content and summary, which are
// the store's sanitised HTML. Rows set each name even when empty, so a row never falls back to a
// planet-wide value of the same name.
htmltmpl::Context build_context(const RenderInput& input, std::string_view output_name,
                                const std::map<std::string, std::string>& template_settings = {});

}  // namespace orrery::render
