#include "render/htmltmpl/context.h"

#include <algorithm>

#include "util/strings.h"
#include "util/url.h"

namespace orrery::render {

namespace {

using htmltmpl::Context;

std::string display_name(const config::FeedSettings* settings, const model::ChannelStatus* status,
                         const std::string& url) {
  if (settings != nullptr && !settings->name.empty()) {
    return settings->name;
  }
  if (status != nullptr && !status->channel.title_plain.empty()) {
    return status->channel.title_plain;
  }
  return url;
}

void set_dates(Context& c, const std::string& prefix, util::TimePoint t,
               const config::PlanetSettings& planet) {
  c.set_text(prefix, util::format_strftime(t, planet.date_format));
  c.set_text(prefix + "_iso", util::format_rfc3339(t));
  c.set_text(prefix + "_822", util::format_rfc822(t));
}

// Every text variable add_channel() may set, so that a channel without them still shadows the
// planet-wide names (link, title…) in templates.
constexpr const char* k_channel_keys[] = {"link",
                                          "title",
                                          "title_plain",
                                          "subtitle",
                                          "id",
                                          "icon",
                                          "logo",
                                          "rights",
                                          "generator",
                                          "author",
                                          "author_name",
                                          "author_email",
                                          "language",
                                          "message",
                                          "last_updated",
                                          "last_updated_iso",
                                          "last_updated_822",
                                          "http_status",
                                          "entry_count"};

// The channel's variables: Venus's Base names, its planet: elements (message, http_status) and
// every key of its config section; `prefix` is "channel_" in Items and "" in Channels.
void add_channel(Context& c, const std::string& prefix, const ChannelView& view,
                 const config::PlanetSettings& planet) {
  c.set_text(prefix + "name", view.name);
  c.set_text(prefix + "url", view.url);
  for (const char* key : k_channel_keys) {
    c.set_text(prefix + key, "");
  }
  if (view.status != nullptr) {
    const model::Channel& ch = view.status->channel;
    const model::FeedState& st = view.status->state;
    c.set_text(prefix + "link", safe_link(ch.link));
    c.set_text(prefix + "title", ch.title_plain);
    c.set_text(prefix + "title_plain", ch.title_plain);
    c.set_text(prefix + "subtitle", ch.subtitle_plain);
    c.set_text(prefix + "id", ch.id);
    c.set_text(prefix + "icon", safe_link(ch.icon));
    c.set_text(prefix + "logo", safe_link(ch.logo));
    c.set_text(prefix + "rights", ch.rights_plain);
    c.set_text(prefix + "generator", ch.generator);
    c.set_text(prefix + "author", ch.author.name);
    c.set_text(prefix + "author_name", ch.author.name);
    c.set_text(prefix + "author_email", ch.author.email);
    c.set_text(prefix + "language", ch.language);
    if (ch.updated) {
      set_dates(c, prefix + "last_updated", *ch.updated, planet);
    }
    c.set_text(prefix + "message", st.consecutive_failures > 0 ? st.last_error : "");
    if (st.last_status != 0) {
      c.set_number(prefix + "http_status", st.last_status);
    }
    c.set_number(prefix + "entry_count", view.status->entry_count);
  }
  if (view.settings != nullptr) {
    for (const auto& [key, value] : view.settings->raw) {
      c.set_text_default(prefix + key, value);
    }
  }
}

Context item_row(const model::StoredEntry& stored, const ChannelView& channel,
                 const config::PlanetSettings& planet) {
  const model::Entry& e = stored.entry;
  Context row;
  // Every variable is set, empty or not, so that a row shadows the planet-wide names: a missing
  // `link` must not resolve to the planet's own link. Titles are text: whatever markup a feed put
  // in a title is shown, never interpreted.
  row.set_text("title", e.title_plain);
  row.set_text("title_plain", e.title_plain);
  row.set_text("title_language", e.language);
  row.set_html("content", e.content_html.empty() ? e.summary_html : e.content_html);
  row.set_html("summary", e.summary_html);
  row.set_text("content_language", e.language);
  row.set_text("summary_language", e.language);
  std::string link = safe_link(e.link);
  row.set_text("link", link);
  row.set_text("id", e.id);
  row.set_text("guid_isPermaLink", !e.id.empty() && e.id == link ? "true" : "false");
  row.set_text("author", e.author.name);
  row.set_text("author_name", e.author.name);
  row.set_text("author_email", e.author.email);
  row.set_text("author_uri", safe_link(e.author.href));
  row.set_text("category", e.tags.empty() ? std::string() : e.tags.front());
  for (const char* key : {"enclosure_href", "enclosure_type", "enclosure_length", "published",
                          "published_iso", "published_822"}) {
    row.set_text(key, "");
  }
  if (!e.enclosures.empty()) {
    const model::Enclosure& enc = e.enclosures.front();
    row.set_text("enclosure_href", safe_link(enc.href));
    row.set_text("enclosure_type", enc.type);
    if (enc.length) {
      row.set_number("enclosure_length", *enc.length);
    }
  }
  // Venus's `date` is the updated time when there is one; the store always sets it.
  util::TimePoint when = e.updated.value_or(e.published.value_or(stored.first_seen));
  set_dates(row, "date", when, planet);
  set_dates(row, "updated", when, planet);
  if (e.published) {
    set_dates(row, "published", *e.published, planet);
  }
  row.set_text("new_date", util::format_strftime(when, planet.new_date_format));
  row.set_text("new_channel", channel.url);
  add_channel(row, "channel_", channel, planet);
  return row;
}

// Venus's rule (tmpl.py): new_date only on the first item of each day; new_channel when the
// channel differs from the previous item's, and again on the first item of a day, so a theme
// that closes its channel group with its day group can always open a fresh one.
void mark_changes(std::vector<Context>& items) {
  std::string date;
  std::string channel;
  for (Context& item : items) {
    std::string this_date = item.find("new_date")->string;
    std::string this_channel = item.find("new_channel")->string;
    bool new_date = this_date != date;
    if (!new_date) {
      item.set_text("new_date", "");
    }
    if (this_channel == channel && !new_date) {
      item.set_text("new_channel", "");
    }
    date = this_date;
    channel = this_channel;
  }
}

}  // namespace

std::string safe_link(std::string_view url) {
  std::string scheme = util::url_scheme(util::trim(url));
  if (scheme == "http" || scheme == "https" || scheme == "ftp") {
    return std::string(util::trim(url));
  }
  return {};
}

ChannelDirectory::ChannelDirectory(const RenderInput& input) {
  for (const model::ChannelStatus& cs : input.channels) {
    m_status_by_url.emplace(cs.state.url, &cs);
    if (cs.state.id != 0) {
      m_status_by_id.emplace(cs.state.id, &cs);
    }
  }
  for (const config::FeedSettings& feed : input.config->feeds) {
    add(&feed, feed.url, 0);
  }
}

const ChannelView& ChannelDirectory::add(const config::FeedSettings* settings,
                                         const std::string& url, std::int64_t feed_id) {
  const model::ChannelStatus* status = nullptr;
  if (auto it = m_status_by_id.find(feed_id); feed_id != 0 && it != m_status_by_id.end()) {
    status = it->second;
  } else if (auto by_url = m_status_by_url.find(url); by_url != m_status_by_url.end()) {
    status = by_url->second;
  }
  m_views.push_back(ChannelView{settings, status, url, display_name(settings, status, url)});
  const ChannelView& view = m_views.back();
  m_by_url.emplace(url, &view);
  if (status != nullptr && status->state.id != 0) {
    m_by_id.emplace(status->state.id, &view);
  }
  return view;
}

const ChannelView& ChannelDirectory::of(const model::StoredEntry& entry) {
  if (auto it = m_by_id.find(entry.feed_id); entry.feed_id != 0 && it != m_by_id.end()) {
    return *it->second;
  }
  if (auto it = m_by_url.find(entry.feed_url); it != m_by_url.end()) {
    return *it->second;
  }
  return add(nullptr, entry.feed_url, entry.feed_id);
}

std::vector<const ChannelView*> ChannelDirectory::sorted_by_name() const {
  std::vector<const ChannelView*> out;
  for (const ChannelView& v : m_views) {
    if (v.settings != nullptr) {
      out.push_back(&v);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ChannelView* a, const ChannelView* b) {
    std::string la = util::to_lower(a->name);
    std::string lb = util::to_lower(b->name);
    return la != lb ? la < lb : a->url < b->url;
  });
  return out;
}

htmltmpl::Context build_context(const RenderInput& input, std::string_view output_name,
                                const std::map<std::string, std::string>& template_settings) {
  const config::PlanetSettings& planet = input.config->planet;
  Context c;
  c.set_text("name", planet.name);
  c.set_text("link", safe_link(planet.link));
  c.set_text("owner_name", planet.owner_name);
  c.set_text("owner_email", planet.owner_email);
  c.set_text("generator", input.generator);
  set_dates(c, "date", input.now, planet);
  std::string feed = planet.link.empty() ? "atom.xml" : util::resolve_url(planet.link, "atom.xml");
  c.set_text("feed", feed);
  c.set_text("feedtype", "atom");
  c.set_text("url", planet.link.empty() ? std::string(output_name)
                                        : util::resolve_url(planet.link, output_name));

  ChannelDirectory channels(input);
  std::vector<Context> items;
  items.reserve(input.entries.size());
  for (const model::StoredEntry& stored : input.entries) {
    items.push_back(item_row(stored, channels.of(stored), planet));
  }
  mark_changes(items);
  c.set_loop("Items", std::move(items));

  std::vector<Context> rows;
  for (const ChannelView* view : channels.sorted_by_name()) {
    Context row;
    add_channel(row, "", *view, planet);
    rows.push_back(std::move(row));
  }
  c.set_loop("Channels", std::move(rows));

  for (const auto& [key, value] : template_settings) {
    c.set_text_default(key, value);
  }
  for (const auto& [key, value] : planet.raw) {
    c.set_text_default(key, value);
  }
  return c;
}

}  // namespace orrery::render
