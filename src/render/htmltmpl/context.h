#pragma once
// The view model: what htmltmpl templates see. Exactly the variables Planet Venus's
// planet/shell/tmpl.py sets, under its names and formed as its feedparser forms them, built from
// the config, the page's stored entries and the subscriptions' status. docs/venus.md ("Template
// variables") lists each variable, its source in orrery and where it differs.

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/htmltmpl/template.h"
#include "render/present.h"
#include "render/render.h"
#include "util/url_policy.h"

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

  // The subscriptions in config order.
  std::vector<const ChannelView*> subscriptions() const;

 private:
  const ChannelView& add(const config::FeedSettings* settings, const std::string& url,
                         std::int64_t feed_id);

  std::deque<ChannelView> m_views;  // a deque: of() hands out references while it grows
  std::map<std::string, const ChannelView*, std::less<>> m_by_url;
  std::map<std::int64_t, const ChannelView*> m_by_id;
  std::map<std::string, const model::ChannelStatus*, std::less<>> m_status_by_url;
  std::map<std::int64_t, const model::ChannelStatus*> m_status_by_id;
};

// A URL fit for href/src by util/url_policy.h's one policy for `use` (http, https, ftp; mailto
// for a link); anything else (javascript:, java&#9;script&colon;, data:, relative junk) becomes
// "". Defence in depth behind normalise/.
std::string safe_link(std::string_view url, util::UrlUse use = util::UrlUse::link);

// Venus's planet:css-id of a feed name: lower-cased, each run of characters other than letters,
// digits and "_" replaced by "-", "-" trimmed at both ends ("Ann's Notes" → "ann-s-notes").
// ASCII letters are lower-cased; other letters are kept as written.
std::string css_id(std::string_view name);

// One numbered page of the river, as the pager and the archive index list it.
struct PageLink {
  int number = 0;
  std::string path;  // from the output directory: "index.html", "page/2.html"
  std::size_t entries = 0;
  util::TimePoint newest{};
  util::TimePoint oldest{};
  std::string title;  // "July 2023"
};

// Where a page stands among the planet's pages (docs/theme.md lists the variables it sets).
// The default PageView is Venus's single page: none of the variables below is set.
struct PageView {
  std::string path;       // this page, from the output directory ("page/2.html")
  int page_number = 0;    // 1 for index.html, N for page/N.html; 0 for other pages
  std::string page_kind;  // "index", "month", "feed", "archives"; "" for Venus's page
  std::string page_title;
  std::vector<PageLink> pages;  // archives.html: every month page, newest first
  // The newer and older page from this one, from the output directory ("" at either end).
  std::string newer_path;
  std::string older_path;
  std::string health_text;  // a feed page's subscription's health in words
  // Subscription URL → its page's path from the output directory ("feeds/ann.html").
  std::map<std::string, std::string, std::less<>> feed_pages;
  Presentation presentation;  // for content_lead / content_more
  bool presented = false;     // set content_lead / content_more
};

// The path from page `from` to `to`, both relative to the output directory ("page/2.html" to
// "index.html" is "../index.html").
std::string relative_url(std::string_view from, std::string_view to);

// The context of one output file (`output_name`, e.g. "index.html"). Precondition:
// input.config != nullptr.
//
// As in Venus, a variable is set only when its value is not empty, and a loop pass sees only its
// own names (htmltmpl without GLOBAL="1"). Top level: name, link, owner_name, owner_email,
// author, author_name, title, title_plain, id, generator (generator_uri), pubsubhubbub_hub,
// feed, feedtype, url, fullurl, date*, last_updated* and the loops Channels and Items.
// Channels: the subscriptions fetched at least once, sorted by name (byte order), each with
// Venus's Base variables and its planet: elements (config keys, name, css-id, message,
// http_status…). Items: the entries in input order with Venus's Items variables, the Base
// variables of their source as channel_*, and new_date/new_channel thinned as Venus thins them.
//
// title, subtitle, rights and content are HTML (sanitised; a text construct escaped); every
// other string is text, escaped wherever a template prints it. URLs pass safe_link().
htmltmpl::Context build_context(const RenderInput& input, std::string_view output_name,
                                const PageView& page = {});

// Turns `c`, a context build_context() made for another page in the same folder (so that every
// relative URL in it still holds), into the context of `page`: Items from input.entries (through
// `channels`, a directory of the same input) and the page variables. Channels, health and the
// planet's variables stay as they are: a planet's hundreds of archive pages share one
// subscription list instead of building it once a page.
void replace_page(htmltmpl::Context& c, const RenderInput& input, ChannelDirectory& channels,
                  const PageView& page);

}  // namespace orrery::render
