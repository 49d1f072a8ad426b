#include "render/htmltmpl/context.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "health/health.h"
#include "util/strings.h"
#include "util/time.h"
#include "util/url.h"
#include "util/utf8.h"

namespace orrery::render {

namespace {

using htmltmpl::Context;

// Venus's date converters (planet/shell/tmpl.py): always UTC, the C locale.
constexpr const char* k_rfc822 = "%a, %d %b %Y %H:%M:%S +0000";
constexpr const char* k_rfc3399 = "%Y-%m-%dT%H:%M:%S+00:00";  // sic: Venus's name for it

// Venus sets a variable only when its value is true (non-empty): an unset name and an empty one
// print and test alike, but only unset ones keep the context to Venus's set of names.
void put_text(Context& c, const std::string& name, std::string value) {
  if (!value.empty()) {
    c.set_text(name, std::move(value));
  }
}

void put_html(Context& c, const std::string& name, std::string value) {
  if (!value.empty()) {
    c.set_html(name, std::move(value));
  }
}

bool has(const Context& c, std::string_view name) {
  const htmltmpl::Value* v = c.find(name);
  return v != nullptr && v->truthy();
}

// `prefix` (date_format in the planet's time_zone), `prefix`_822 and `prefix`_iso (RFC 822 and
// RFC 3339, always UTC: machine-read, e.g. by `<time datetime>`).
void put_dates(Context& c, const std::string& prefix, util::TimePoint t,
               const config::PlanetSettings& planet) {
  put_text(c, prefix, util::format_strftime(t, planet.date_format, planet.time_zone));
  put_text(c, prefix + "_822", util::format_strftime(t, k_rfc822));
  put_text(c, prefix + "_iso", util::format_strftime(t, k_rfc3399));
}

// feedparser's `author`: "Name (email)", else whichever of the two there is.
std::string feedparser_author(const model::Person& p) {
  if (!p.name.empty() && !p.email.empty()) {
    return p.name + " (" + p.email + ")";
  }
  return !p.name.empty() ? p.name : p.email;
}

// A person as Venus's cache holds it. Entries stored before schema 6 carry the email copied into
// an empty name (orrery's earlier normalise); Venus leaves the name out, so the copy is undone.
model::Person as_venus(model::Person p) {
  if (!p.name.empty() && p.name == p.email) {
    p.name.clear();
  }
  return p;
}

const std::string* planet_value(const std::vector<std::pair<std::string, std::string>>& planet,
                                std::string_view key) {
  const std::string* found = nullptr;
  for (const auto& [k, v] : planet) {
    if (k == key) {
      found = &v;  // the last one wins, as when feedparser reads repeated elements
    }
  }
  return found;
}

// One atom:source (or planet:source) as tmpl.py's Base rules read it.
struct SourceFacts {
  model::Person author;
  std::string id;  // the feed's id, else its link (Venus's reconstitute)
  std::string icon;
  std::string link;
  std::string logo;
  std::string rights_html;
  std::string subtitle_html;
  std::string title_html;
  std::string title_plain;
  std::string self;  // the rel="self" link, already through the link policy
  std::optional<util::TimePoint> updated;
  std::vector<std::pair<std::string, std::string>> planet;  // planet:x elements, in order

  std::string planet_name() const {
    const std::string* name = planet_value(planet, "name");
    return name != nullptr ? *name : std::string();
  }
};

// The subscription as the planet:source Venus rebuilds from its sources/ file on each run: the
// stored channel metadata, the fetch status and every config key of the feed's section.
SourceFacts source_of_channel(const ChannelView& view, util::TimePoint now) {
  SourceFacts s;
  s.self = view.url;  // the operator's own URL: file: subscriptions keep theirs
  if (view.status != nullptr) {
    const model::Channel& ch = view.status->channel;
    const model::FeedState& st = view.status->state;
    s.author = as_venus(ch.author);
    s.id = !ch.id.empty() ? ch.id : ch.link;
    s.icon = ch.icon;
    s.link = ch.link;
    s.logo = ch.logo;
    // tmpl.py's String: the construct's value with its markup (sanitised); a channel stored
    // before schema 8 has only the text until its feed is parsed again.
    s.rights_html = !ch.rights_html.empty() ? ch.rights_html : util::escape_html(ch.rights_plain);
    s.subtitle_html =
        !ch.subtitle_html.empty() ? ch.subtitle_html : util::escape_html(ch.subtitle_plain);
    s.title_html = !ch.title_html.empty() ? ch.title_html : util::escape_html(ch.title_plain);
    s.title_plain = ch.title_plain;
    // Venus stamps a feed without its own date with the time of the fetch that read it.
    s.updated = ch.updated ? ch.updated : st.last_success ? st.last_success : st.last_fetched;
    // Venus's sources/ file: the last parsed copy's format and bozo flag, then the HTTP facts.
    // A feed fetched but never read is bozo without a format (document/source.cpp).
    if (!st.format.empty()) {
      s.planet.emplace_back("format", st.format);
      s.planet.emplace_back("bozo", st.bozo ? "true" : "false");
    } else if (st.last_fetched && !st.last_success) {
      s.planet.emplace_back("bozo", "true");
    }
    if (st.last_status != 0) {
      s.planet.emplace_back("http_status", std::to_string(st.last_status));
    }
    if (!st.http_location.empty()) {
      s.planet.emplace_back("http_location", safe_link(st.http_location, util::UrlUse::resource));
    }
    if (!st.validators.etag.empty()) {
      s.planet.emplace_back("http_etag", st.validators.etag);
    }
    if (!st.validators.last_modified.empty()) {
      s.planet.emplace_back("http_last_modified", st.validators.last_modified);
    }
  }
  if (view.settings != nullptr) {
    for (const auto& [key, value] : view.settings->raw) {
      if (key != "name") {
        s.planet.emplace_back(key, value);
      }
    }
    if (!view.settings->name.empty()) {
      s.planet.emplace_back("name", view.settings->name);
    }
  }
  std::string name = s.planet_name();
  if (!name.empty() && planet_value(s.planet, "css-id") == nullptr) {
    s.planet.emplace_back("css-id", css_id(name));
  }
  // With activity_threshold, Venus's spider keeps the newest entry's updated date (ISO, UTC)
  // as planet:updated, which tmpl.py copies as the channel's `updated` (document/source.cpp).
  if (view.status != nullptr && view.settings != nullptr && view.settings->activity_threshold > 0 &&
      view.status->newest_entry) {
    s.planet.emplace_back("updated",
                          util::format_strftime(*view.status->newest_entry, "%Y-%m-%dT%H:%M:%SZ"));
  }
  if (view.status != nullptr) {
    std::string message = model::planet_message(
        *view.status, view.settings != nullptr ? view.settings->activity_threshold : 0, now);
    if (!message.empty()) {
      s.planet.emplace_back("message", message);
    }
  }
  return s;
}

// The entry's atom:source as stored with it (frozen when the entry was fetched), or nullopt when
// the store has none for it. `subscription` is the operator's URL for the feed: a self link
// equal to it is kept as written (file: too), any other passes the link policy.
std::optional<SourceFacts> source_of_entry(const model::Entry& e, const std::string& subscription) {
  const model::Source& src = e.source;
  if (src.id.empty() && src.title_plain.empty() && src.planet.empty() && src.link.empty()) {
    return std::nullopt;
  }
  SourceFacts s;
  s.author = as_venus(src.author);
  s.id = !src.id.empty() ? src.id : src.link;
  s.icon = src.icon;
  s.link = src.link;
  s.logo = src.logo;
  s.rights_html = src.rights_html;
  s.subtitle_html = src.subtitle_html;
  s.title_html = src.title_html;
  s.title_plain = src.title_plain;
  for (const model::Link& link : src.links) {
    if (link.rel == "self") {
      s.self = link.href == subscription ? link.href : safe_link(link.href, util::UrlUse::resource);
      break;
    }
  }
  s.updated = src.updated;
  s.planet = src.planet;
  return s;
}

// tmpl.py's Base rules over one source, names prefixed with `prefix` ("" in Channels,
// "channel_" in Items); then each planet:x element as `prefix`x, overriding; then the name's
// fallback to the plain title.
void put_source(Context& c, const std::string& prefix, const SourceFacts& s,
                const config::PlanetSettings& planet) {
  put_text(c, prefix + "author", feedparser_author(s.author));
  put_text(c, prefix + "author_name", s.author.name);
  put_text(c, prefix + "id", s.id);
  put_text(c, prefix + "icon", safe_link(s.icon, util::UrlUse::resource));
  if (s.updated) {
    put_dates(c, prefix + "last_updated", *s.updated, planet);
  }
  put_text(c, prefix + "link", safe_link(s.link));
  put_text(c, prefix + "logo", safe_link(s.logo, util::UrlUse::resource));
  put_html(c, prefix + "rights", s.rights_html);
  put_html(c, prefix + "subtitle", s.subtitle_html);
  put_html(c, prefix + "title", s.title_html);
  put_text(c, prefix + "title_plain", s.title_plain);
  const std::string* location = planet_value(s.planet, "http_location");
  put_text(c, prefix + "url",
           location != nullptr ? safe_link(*location, util::UrlUse::resource) : s.self);
  for (const auto& [key, value] : s.planet) {
    put_text(c, prefix + key, value);
  }
  if (!has(c, prefix + "name")) {
    put_text(c, prefix + "name", s.title_plain);
  }
}

// The first link with rel="enclosure": from the stored links, else the stored enclosures.
std::optional<model::Link> first_enclosure(const model::Entry& e) {
  for (const model::Link& link : e.links) {
    if (link.rel == "enclosure") {
      return link;
    }
  }
  if (!e.enclosures.empty()) {
    const model::Enclosure& enc = e.enclosures.front();
    model::Link link;
    link.rel = "enclosure";
    link.href = enc.href;
    link.type = enc.type;
    link.length = enc.length;
    return link;
  }
  return std::nullopt;
}

// Text-only HTML (no tags) decoded to its text: XML's five entity references and numeric ones.
// Another named reference (&eacute;, kept as the feed wrote it) gives nullopt.
std::optional<std::string> decoded_text(std::string_view html) {
  static constexpr std::pair<std::string_view, char> k_xml_entities[] = {
      {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
  std::string out;
  std::size_t at = 0;
  for (std::size_t amp = html.find('&'); amp != std::string_view::npos; amp = html.find('&', at)) {
    out.append(html.substr(at, amp - at));
    std::string_view rest = html.substr(amp + 1);
    std::size_t semi = rest.find(';');
    bool done = false;
    if (rest.starts_with('#') && semi != std::string_view::npos && semi > 1) {
      bool hex = rest[1] == 'x' || rest[1] == 'X';
      std::string_view digits = rest.substr(hex ? 2 : 1, semi - (hex ? 2 : 1));
      std::uint32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 8;
      for (char c : digits) {
        int d = (c >= '0' && c <= '9')          ? c - '0'
                : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        ok = ok && d >= 0;
        cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(std::max(d, 0));
      }
      if (ok && cp <= 0x10FFFF) {
        util::append_utf8(out, cp);
        at = amp + 1 + semi + 1;
        done = true;
      }
    }
    for (const auto& [name, c] : k_xml_entities) {
      if (!done && rest.starts_with(name)) {
        out += c;
        at = amp + 1 + name.size();
        done = true;
      }
    }
    if (!done) {
      return std::nullopt;
    }
  }
  out.append(html.substr(at));
  return out;
}

// excerpt.py's planet:excerpt (the planet_excerpt extension) as Venus's tmpl.py gives it:
// feedparser keeps only the element's own text, so an excerpt of plain text is `excerpt`
// (decoded, stripped) and one with markup (Venus copies the xhtml div under it) sets it empty.
void put_excerpt(Context& row, const model::Entry& e) {
  for (const auto& [name, value] : e.extensions) {
    if (name != "planet_excerpt" || value.find('<') != std::string::npos) {
      continue;
    }
    std::string_view html = util::trim(value);
    if (std::optional<std::string> text = decoded_text(html)) {
      put_text(row, "excerpt", std::string(util::trim(*text)));
    } else {
      put_html(row, "excerpt", std::string(html));  // a named reference: the same text, as HTML
    }
  }
}

void put_entry_author(Context& row, model::Person author) {
  put_text(row, "author", feedparser_author(author));
  put_text(row, "author_email", author.email);
  put_text(row, "author_name", author.name);
  put_text(row, "author_uri", safe_link(author.href));
}

void put_entry_dates(Context& row, const model::StoredEntry& stored,
                     const config::PlanetSettings& planet) {
  const model::Entry& e = stored.entry;
  // `date` is published, then updated when there is one (always, in a stored entry).
  util::TimePoint when = e.updated.value_or(e.published.value_or(stored.first_seen));
  put_dates(row, "date", when, planet);
  if (e.updated) {
    put_dates(row, "updated", *e.updated, planet);
  }
  if (e.published) {
    put_dates(row, "published", *e.published, planet);
  }
  put_text(row, "new_date", util::format_strftime(when, planet.new_date_format, planet.time_zone));
}

// orrery's own item variables for themes that ask for them (docs/theme.md): the content as a
// page of many posts shows it, cut in two past fold_after, and the feed's own page.
void put_presented(Context& row, const std::string& content, const ChannelView& channel,
                   const PageView& page) {
  if (auto it = page.feed_pages.find(channel.url); it != page.feed_pages.end()) {
    row.set_text("channel_page_url", relative_url(page.path, it->second));
  }
  if (!page.presented || content.empty()) {
    return;
  }
  PresentedContent presented = present_content(content, page.presentation);
  put_html(row, "content_lead", presented.lead);
  if (!presented.more.empty()) {
    row.set_html("content_more", std::move(presented.more));
    row.set_number("content_more_words", static_cast<std::int64_t>(presented.more_words));
  }
}

Context item_row(const model::StoredEntry& stored, const ChannelView& channel,
                 const config::PlanetSettings& planet, util::TimePoint now, const PageView& page) {
  const model::Entry& e = stored.entry;
  std::optional<SourceFacts> frozen = source_of_entry(e, channel.url);
  SourceFacts source = frozen ? std::move(*frozen) : source_of_channel(channel, now);
  std::string planet_name = source.planet_name();

  // Venus's reconstitute: an author without a name is named after the feed (its config name);
  // an entry without any author names its source's author so.
  model::Person author = as_venus(e.author);
  if (!author.empty() && author.name.empty()) {
    author.name = planet_name;
  }
  if (author.name.empty() && source.author.name.empty()) {
    source.author.name = planet_name;
  }

  Context row;
  put_entry_author(row, author);
  std::string content = !e.content_html.empty() ? e.content_html : e.summary_html;
  put_html(row, "content", content);
  put_presented(row, content, channel, page);
  if (!e.content_html.empty()) {
    put_text(row, "content_language", e.language);
  }
  if (!e.summary_html.empty()) {
    put_text(row, "summary_language", e.language);
  }
  put_text(row, "title_language", e.language);
  put_entry_dates(row, stored, planet);
  if (std::optional<model::Link> enc = first_enclosure(e)) {
    put_text(row, "enclosure_href", safe_link(enc->href, util::UrlUse::resource));
    put_text(row, "enclosure_length", enc->length ? std::to_string(*enc->length) : "");
    put_text(row, "enclosure_type", util::media_type(enc->type));
  }
  std::string link = safe_link(e.link);
  // An id a reader could take for a script URL (a guid `javascript:…`, written unescaped as
  // rdf:about by Venus's rss10 template) gives way to the link.
  std::string id = !util::safe_identifier(e.id).empty() ? e.id : link;
  put_text(row, "id", id);
  put_text(row, "link", link);
  put_html(row, "rights", e.rights_html);
  put_html(row, "title", e.title_html);
  put_text(row, "title_plain", e.title_plain);
  // The name is the plain title (the entry has no planet:name of its own).
  put_text(row, "name", e.title_plain);
  put_excerpt(row, e);
  // Venus compares the two as set: both missing is "true" too.
  row.set_text("guid_isPermaLink", id == link ? "true" : "false");
  // A feed with neither id nor link: Venus sets no new_channel, and a theme never opens a group
  // for it; orrery tells feeds apart by their subscription URL instead.
  put_text(row, "new_channel", !source.id.empty() ? source.id : channel.url);
  put_source(row, "channel_", source, planet);
  return row;
}

// Venus's thinning (tmpl.py): new_date only where the day differs from the last day seen;
// new_channel only where the channel differs from the last one seen or the item opens a day.
void thin_changes(std::vector<Context>& items) {
  std::optional<std::string> date;
  std::optional<std::string> channel;
  for (Context& item : items) {
    if (const htmltmpl::Value* d = item.find("new_date")) {
      if (date && d->string == *date) {
        item.erase("new_date");
      } else {
        date = d->string;
      }
    }
    if (const htmltmpl::Value* ch = item.find("new_channel")) {
      if (channel && ch->string == *channel && !has(item, "new_date")) {
        item.erase("new_channel");
      } else {
        channel = ch->string;
      }
    }
  }
}

// Venus's config.feed(): the `feed` key, else the first template output whose name says atom
// or rss, joined to `link`. orrery always writes atom.xml, so it stands last in that list.
std::string feed_url(const config::PlanetSettings& planet) {
  if (!planet.feed.empty()) {
    return planet.feed;
  }
  if (planet.link.empty()) {
    return {};
  }
  for (const std::filesystem::path& file : planet.template_files) {
    std::string name = file.filename().stem().string();  // index.html.tmpl → index.html
    if (name.find("atom") != std::string::npos || name.find("rss") != std::string::npos) {
      return util::resolve_url(planet.link, name);
    }
  }
  return util::resolve_url(planet.link, "atom.xml");
}

// What orrery reads from a subscription's entries on the page, the newest first: whether the
// feed's own author took the feed's name (reconstitute names it so while it writes an entry
// without author and without a source of its own), and the feed's declared self link.
struct EntryFacts {
  bool unnamed_entry = false;
  std::string self;  // the feed's declared rel="self" link, when public (http, https, ftp)
};

void note_entry(EntryFacts& facts, const model::Entry& e) {
  const auto& planet = e.source.planet;
  bool own_source = planet_value(planet, "id") != nullptr;  // planet:id: came through the feed
  if (facts.self.empty() && !own_source) {
    for (const model::Link& link : e.source.links) {
      if (link.rel == "self") {
        facts.self = safe_link(link.href);
        break;
      }
    }
  }
  if (!own_source && as_venus(e.author).name.empty()) {
    facts.unnamed_entry = true;
  }
}

// orrery's health variables (docs/status.md): health (the state's name), health_words,
// health_text (the whole phrase), health_since (date_format) with _iso and _822, moved_to.
void put_health(Context& row, const health::FeedHealth& h, const config::PlanetSettings& planet) {
  put_text(row, "health", std::string(health::state_name(h.state)));
  put_text(row, "health_words", h.words);
  put_text(row, "health_text", health::sentence(h));
  if (h.since) {
    put_dates(row, "health_since", *h.since, planet);
  }
  put_text(row, "moved_to", h.moved_to);
}

// The Health loop (feeds.html.tmpl): every subscription, worst first, with its health
// variables and name, url (public: http(s) only), link, last_status, consecutive_failures,
// entries_kept, last_checked*, newest_entry*.
std::vector<Context> health_rows(const health::PlanetHealth& planet_health,
                                 const config::PlanetSettings& planet) {
  std::vector<Context> rows;
  for (const health::FeedHealth& h : planet_health.feeds) {
    Context row;
    put_text(row, "name", h.name);
    put_text(row, "url", h.public_url);
    put_text(row, "link", h.link);
    put_health(row, h, planet);
    if (h.last_status != 0) {
      row.set_text("last_status", std::to_string(h.last_status));
    }
    if (h.consecutive_failures > 0) {
      row.set_text("consecutive_failures", std::to_string(h.consecutive_failures));
    }
    row.set_text("entries_kept", std::to_string(h.entries_kept));
    if (h.last_fetched) {
      put_dates(row, "last_checked", *h.last_fetched, planet);
    }
    if (h.newest_entry) {
      put_dates(row, "newest_entry", *h.newest_entry, planet);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The subscriptions Venus lists in Channels (one per sources/ file: fetched at least once),
// sorted by name in byte order; a feed without a name sorts first, as Python's None does.
std::vector<Context> channel_rows(const ChannelDirectory& channels,
                                  const std::map<const ChannelView*, EntryFacts>& facts,
                                  const config::PlanetSettings& planet, util::TimePoint now,
                                  const PageView& page) {
  std::vector<std::pair<std::string, Context>> named;
  for (const ChannelView* view : channels.subscriptions()) {
    if (view->status == nullptr || !view->status->state.last_fetched) {
      continue;
    }
    SourceFacts source = source_of_channel(*view, now);
    if (auto it = facts.find(view); it != facts.end()) {
      if (it->second.unnamed_entry && source.author.name.empty()) {
        source.author.name = source.planet_name();
      }
      // A subscription read from a local file publishes the address its feed declares.
      if (safe_link(view->url).empty() && !it->second.self.empty()) {
        source.self = it->second.self;
      }
    }
    Context row;
    put_source(row, "", source, planet);
    if (auto it = page.feed_pages.find(view->url); it != page.feed_pages.end()) {
      row.set_text("feed_page_url", relative_url(page.path, it->second));
    }
    // orrery's feed_url: the subscription's public address (a local file's declared self link),
    // unset when it has none, so no page links a local path.
    put_text(row, "feed_url", safe_link(source.self));
    put_health(row, health::assess_feed(*view->settings, view->status, now), planet);
    const htmltmpl::Value* name = row.find("name");
    named.emplace_back(name != nullptr ? name->string : std::string(), std::move(row));
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Context> rows;
  rows.reserve(named.size());
  for (auto& [name, row] : named) {
    rows.push_back(std::move(row));
  }
  return rows;
}

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

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

}  // namespace

std::string safe_link(std::string_view url, util::UrlUse use) {
  return util::allowed_url(url, use);
}

std::string css_id(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (!is_word_byte(c)) {
      dash = true;
      continue;
    }
    if (dash && !out.empty()) {
      out += '-';
    }
    dash = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
  }
  return out;
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

std::vector<const ChannelView*> ChannelDirectory::subscriptions() const {
  std::vector<const ChannelView*> out;
  for (const ChannelView& v : m_views) {
    if (v.settings != nullptr) {
      out.push_back(&v);
    }
  }
  return out;
}

std::vector<const ChannelView*> ChannelDirectory::sorted_by_name() const {
  std::vector<const ChannelView*> out = subscriptions();
  std::stable_sort(out.begin(), out.end(), [](const ChannelView* a, const ChannelView* b) {
    std::string la = util::to_lower(a->name);
    std::string lb = util::to_lower(b->name);
    return la != lb ? la < lb : a->url < b->url;
  });
  return out;
}

std::string relative_url(std::string_view from, std::string_view to) {
  std::string out;
  for (char c : from) {
    if (c == '/') {
      out += "../";
    }
  }
  out += to;
  return out;
}

namespace {

// The pager and page variables of docs/theme.md.
void put_page(Context& c, const PageView& page, const config::PlanetSettings& planet) {
  if (page.page_kind.empty()) {
    return;
  }
  put_text(c, "base_href", relative_url(page.path, ""));
  c.set_text("page_kind", page.page_kind);
  c.set_flag("page_" + page.page_kind, true);
  put_text(c, "page_title", page.page_title);
  c.set_text("index_url", relative_url(page.path, "index.html"));
  c.set_text("archives_url", relative_url(page.path, "archives.html"));
  if (page.page_kind != "index") {
    // The full subscription list is on the front page only: repeated on every archive page it
    // made the archive quadratic in the number of feeds (pages × subscriptions).
    c.set_text("subscriptions_url", relative_url(page.path, "index.html") + "#subscriptions");
  }
  if (page.page_number > 0) {
    c.set_number("page_number", page.page_number);
  }
  c.set_number("page_count", static_cast<std::int64_t>(page.pages.size()));
  if (page.pages.size() > 1) {
    c.set_flag("paged", true);
  }
  std::vector<Context> rows;
  for (const PageLink& link : page.pages) {
    Context row;
    row.set_number("page_number", link.number);
    row.set_text("page_url", relative_url(page.path, link.path));
    put_text(row, "page_title", link.title);
    row.set_number("page_entries", static_cast<std::int64_t>(link.entries));
    if (link.entries > 0) {
      put_dates(row, "page_newest", link.newest, planet);
      put_dates(row, "page_oldest", link.oldest, planet);
      put_text(row, "page_newest_day",
               util::format_strftime(link.newest, planet.new_date_format, planet.time_zone));
      put_text(row, "page_oldest_day",
               util::format_strftime(link.oldest, planet.new_date_format, planet.time_zone));
    }
    if (link.number == page.page_number) {
      row.set_flag("current", true);
    }
    rows.push_back(std::move(row));
  }
  if (!page.newer_path.empty()) {
    c.set_text("prev_page_url", relative_url(page.path, page.newer_path));
  }
  if (!page.older_path.empty()) {
    c.set_text("next_page_url", relative_url(page.path, page.older_path));
  }
  put_text(c, "page_health", page.health_text);
  if (!rows.empty()) {
    c.set_loop("Pages", std::move(rows));
  }
}

}  // namespace

void replace_page(htmltmpl::Context& c, const RenderInput& input, ChannelDirectory& channels,
                  const PageView& page) {
  const config::PlanetSettings& planet = input.config->planet;
  std::vector<Context> items;
  items.reserve(input.entries.size());
  for (const model::StoredEntry& stored : input.entries) {
    items.push_back(item_row(stored, channels.of(stored), planet, input.now, page));
  }
  thin_changes(items);
  c.set_loop("Items", std::move(items));
  for (std::string_view name :
       {"page_title", "page_number", "prev_page_url", "next_page_url", "page_index", "page_month",
        "page_feed", "page_archives", "subscriptions_url", "page_health"}) {
    c.erase(name);
  }
  put_page(c, page, planet);
}

htmltmpl::Context build_context(const RenderInput& input, std::string_view output_name,
                                const PageView& page) {
  const config::PlanetSettings& planet = input.config->planet;
  Context c;
  // The spliced feed through the Base rules: its author is the owner, its title the name, its
  // updated time now.
  model::Person owner{planet.owner_name, planet.owner_email, {}};
  put_text(c, "author", feedparser_author(owner));
  put_text(c, "author_name", owner.name);
  put_html(c, "title", util::escape_html(planet.name));
  put_text(c, "title_plain", planet.name);
  put_dates(c, "last_updated", input.now, planet);
  // Then tmpl.py's own planet-wide values.
  put_text(c, "name", planet.name);
  put_text(c, "link", safe_link(planet.link));
  put_text(c, "owner_name", planet.owner_name);
  put_text(c, "owner_email", planet.owner_email);
  // Venus's generator is generator_uri; orrery has no URI of its own to default to.
  put_text(c, "generator", !planet.generator_uri.empty() ? planet.generator_uri : input.generator);
  put_text(c, "pubsubhubbub_hub", safe_link(planet.pubsubhubbub_hub, util::UrlUse::resource));
  std::string feed = safe_link(feed_url(planet), util::UrlUse::resource);
  if (!feed.empty()) {
    c.set_text("id", feed);
    c.set_text("feed", feed);
    c.set_text("feedtype", feed.find("rss") != std::string::npos ? "rss" : "atom");
  }
  put_dates(c, "date", input.now, planet);
  // orrery's: the IANA name of the zone the shown dates are in ("UTC" by default).
  put_text(c, "time_zone", planet.time_zone.name());
  // url: the output's name without its last extension (Venus's "…/index"); fullurl: with it.
  std::string full(output_name);
  std::string stem = std::filesystem::path(full).stem().string();
  put_text(c, "url",
           planet.link.empty()
               ? stem
               : safe_link(util::resolve_url(planet.link, stem), util::UrlUse::resource));
  put_text(c, "fullurl",
           planet.link.empty()
               ? full
               : safe_link(util::resolve_url(planet.link, full), util::UrlUse::resource));

  ChannelDirectory channels(input);
  std::map<const ChannelView*, EntryFacts> facts;
  std::vector<Context> items;
  items.reserve(input.entries.size());
  for (const model::StoredEntry& stored : input.entries) {
    const ChannelView& view = channels.of(stored);
    note_entry(facts[&view], stored.entry);
    items.push_back(item_row(stored, view, planet, input.now, page));
  }
  thin_changes(items);
  // The declared self link of a feed with no entry on this page, from its older entries.
  for (const auto& [url, href] : input.declared_self) {
    model::StoredEntry stored;
    stored.feed_url = url;
    EntryFacts& known = facts[&channels.of(stored)];
    if (known.self.empty()) {
      known.self = safe_link(href);
    }
  }
  c.set_loop("Items", std::move(items));
  c.set_loop("Channels", channel_rows(channels, facts, planet, input.now, page));
  put_page(c, page, planet);
  // orrery's health page and summary (docs/status.md).
  health::PlanetHealth planet_health = health::assess(*input.config, input.channels, input.now);
  c.set_text("health_page", relative_url(page.path, "feeds.html"));
  c.set_text("health_summary", health::counts_line(planet_health.counts));
  if (planet_health.counts.failing + planet_health.counts.gone > 0) {
    c.set_text("health_failing",
               std::to_string(planet_health.counts.failing + planet_health.counts.gone));
  }
  c.set_loop("Health", health_rows(planet_health, planet));
  return c;
}

}  // namespace orrery::render
