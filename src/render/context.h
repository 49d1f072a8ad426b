#pragma once
// The view model: what templates see, under Planet Venus's names (planet/shell/tmpl.py), built
// from the config, the page's stored entries and the subscriptions' status.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/htmltmpl.h"
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

// The context of one output file: planet-wide variables (name, link, owner_name, owner_email,
// generator, date, date_iso, date_822, feed, feedtype, url: the page's own URL made from
// `output_name`), the Items loop (one row per entry, newest first, with new_date and
// new_channel set as Venus sets them) and the Channels loop (subscriptions by name). Every
// key of `template_settings` (the template's own config section), then of [Planet], not set
// otherwise is there too, as text. Precondition: input.config != nullptr.
htmltmpl::Context build_context(const RenderInput& input, std::string_view output_name,
                                const std::map<std::string, std::string>& template_settings = {});

}  // namespace orrery::render
