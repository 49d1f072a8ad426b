// atom:source and planet:source: one subscription as Venus describes it (reconstitute.source()),
// with its fetch state and config keys as planet: elements.

#include <cctype>
#include <map>
#include <string>

#include "document/build.h"
#include "util/time.h"

namespace orrery::document::detail {

namespace {

// Venus's cssid(): runs of non-word characters become '-', lower-cased, '-' trimmed. Bytes of
// non-ASCII characters count as word characters (Python's \w with re.UNICODE matches letters).
std::string css_id(std::string_view name) {
  std::string out;
  bool in_run = false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    bool word = std::isalnum(u) != 0 || c == '_' || u >= 0x80;
    if (word) {
      out += static_cast<char>(std::tolower(u));
      in_run = false;
    } else if (!in_run) {
      out += '-';
      in_run = true;
    }
  }
  std::size_t first = out.find_first_not_of('-');
  if (first == std::string::npos) {
    return {};
  }
  return out.substr(first, out.find_last_not_of('-') - first + 1);
}

std::string display_name(const Source& source) {
  if (source.settings != nullptr && !source.settings->name.empty()) {
    return source.settings->name;
  }
  if (source.status != nullptr && !source.status->channel.title_plain.empty()) {
    return source.status->channel.title_plain;
  }
  return source.url;
}

void person(pugi::xml_node parent, const char* name, const model::Person& p,
            std::string_view fallback_name = {}) {
  pugi::xml_node node = parent.append_child(name);
  text_element(node, "name", p.name.empty() ? fallback_name : std::string_view(p.name));
  if (!p.email.empty()) {
    text_element(node, "email", p.email);
  }
  std::string uri = safe_link(p.href);
  if (!uri.empty()) {
    text_element(node, "uri", uri);
  }
}

void link(pugi::xml_node parent, const std::string& rel, const std::string& href,
          const std::string& type = {}) {
  if (href.empty()) {
    return;
  }
  pugi::xml_node node = parent.append_child("link");
  node.append_attribute("rel") = xml_chars(rel).c_str();
  node.append_attribute("href") = href.c_str();
  // feedparser gives every link a type (rel="self" application/atom+xml, any other text/html)
  // and Venus writes it back. A type that is not `type/subtype` (`"><script>`) is dropped
  // (util/url_policy.h).
  std::string given = !type.empty()   ? type
                      : rel == "self" ? std::string("application/atom+xml")
                                      : std::string("text/html");
  if (std::string media_type = util::media_type(given); !media_type.empty()) {
    node.append_attribute("type") = media_type.c_str();
  }
}

// An Atom text construct from the stored HTML, else from the stored text; false (nothing
// written) when both are empty.
bool construct(pugi::xml_node parent, const char* name, const std::string& html,
               const std::string& text) {
  if (!html.empty()) {
    html_construct(parent, name, html);
    return true;
  }
  if (!text.empty()) {
    text_element(parent, name, text);
    return true;
  }
  return false;
}

// Venus writes the language feedparser saw in scope on each text construct it copies (its
// xml:lang), after the type. That is the feed's xml:lang; RSS's <language> element, which orrery
// keeps as the feed's language too, never reaches feedparser's constructs, so an RSS feed's
// language is left out.
std::string construct_language(const std::string& language, std::string_view format) {
  return format.starts_with("rss") ? std::string() : language;
}

void language(pugi::xml_node construct_node, const std::string& lang) {
  if (!lang.empty() && construct_node) {
    construct_node.append_attribute("xml:lang") = xml_chars(lang).c_str();
  }
}

bool construct(pugi::xml_node parent, const char* name, const std::string& html,
               const std::string& text, const std::string& lang) {
  if (!construct(parent, name, html, text)) {
    return false;
  }
  language(parent.last_child(), lang);
  return true;
}

void planet_element(pugi::xml_node parent, const std::string& key, std::string_view value) {
  text_element(parent, ("planet:" + key).c_str(), value);
}

void planet_children(pugi::xml_node node, const Source& source, util::TimePoint now) {
  if (source.status != nullptr) {
    const model::FeedState& state = source.status->state;
    // Venus's sources/ file: the last parsed copy's format and bozo flag, then the HTTP facts.
    // A feed fetched but never read (an HTTP error, an unreadable body) is bozo without a format:
    // Venus's default spider hands the error body to feedparser, which finds no feed. (One read
    // before schema 8 kept no format: nothing is known of it.)
    if (!state.format.empty()) {
      planet_element(node, "format", state.format);
      planet_element(node, "bozo", state.bozo ? "true" : "false");
    } else if (state.last_fetched && !state.last_success) {
      planet_element(node, "bozo", "true");
    }
    if (state.last_status != 0) {
      planet_element(node, "http_status", std::to_string(state.last_status));
    }
    if (std::string location = safe_link(state.http_location, util::UrlUse::resource);
        !location.empty()) {
      planet_element(node, "http_location", location);
    }
    if (!state.validators.etag.empty()) {
      planet_element(node, "http_etag", state.validators.etag);
    }
    if (!state.validators.last_modified.empty()) {
      planet_element(node, "http_last_modified", state.validators.last_modified);
    }
    if (!state.content_hash.empty()) {
      planet_element(node, "content_hash", state.content_hash);
    }
    // With activity_threshold, Venus's spider keeps the newest entry's updated date (ISO, UTC).
    if (source.settings != nullptr && source.settings->activity_threshold > 0 &&
        source.status->newest_entry) {
      planet_element(node, "updated",
                     util::format_strftime(*source.status->newest_entry, "%Y-%m-%dT%H:%M:%SZ"));
    }
    std::string message = model::planet_message(
        *source.status, source.settings != nullptr ? source.settings->activity_threshold : 0, now);
    if (!message.empty()) {
      planet_element(node, "message", message);
    }
  }
  std::string name = display_name(source);
  planet_element(node, "name", name);
  bool has_css_id = source.settings != nullptr && source.settings->raw.contains("css-id");
  if (!has_css_id) {
    planet_element(node, "css-id", css_id(name));
  }
  if (source.settings == nullptr) {
    return;
  }
  for (const auto& [key, value] : source.settings->raw) {
    if (key != "name" && is_xml_name(key)) {
      planet_element(node, key, value);
    }
  }
}

}  // namespace

bool is_xml_name(std::string_view key) {
  if (key.empty()) {
    return false;
  }
  auto first = static_cast<unsigned char>(key.front());
  if (std::isalpha(first) == 0 && first != '_') {
    return false;
  }
  for (char c : key) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0 && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  // XML 1.0 §2.3: names beginning with "xml" are reserved.
  return !(key.size() >= 3 && (key[0] | 0x20) == 'x' && (key[1] | 0x20) == 'm' &&
           (key[2] | 0x20) == 'l');
}

std::string source_id(const Source& source) {
  if (source.status != nullptr) {
    if (!source.status->channel.id.empty()) {
      return xml_chars(source.status->channel.id);
    }
    std::string link = safe_link(source.status->channel.link);
    if (!link.empty()) {
      return link;
    }
  }
  return xml_chars(source.url);
}

void source_children(pugi::xml_node node, const Source& source, const config::Config& config,
                     PlanetElements planet, util::TimePoint now) {
  text_element(node, "id", source_id(source));
  const model::Channel* channel = source.status != nullptr ? &source.status->channel : nullptr;
  if (channel != nullptr) {
    if (std::string icon = safe_link(channel->icon, util::UrlUse::resource); !icon.empty()) {
      text_element(node, "icon", icon);
    }
    if (std::string logo = safe_link(channel->logo, util::UrlUse::resource); !logo.empty()) {
      text_element(node, "logo", logo);
    }
    if (!channel->author.empty()) {
      person(node, "author", channel->author);
    }
    link(node, "alternate", safe_link(channel->link));
  }
  link(node, "self", xml_chars(source.url));
  // Venus keeps each construct with its markup (type html or xhtml; sanitised); a channel stored
  // before schema 8 has only its text until its feed is parsed again.
  std::string lang;
  if (channel != nullptr) {
    lang = construct_language(channel->language, source.status->state.format);
    construct(node, "rights", channel->rights_html, channel->rights_plain, lang);
    construct(node, "subtitle", channel->subtitle_html, channel->subtitle_plain, lang);
  }
  // A feed without a title is named by its subscription.
  if (channel == nullptr ||
      !construct(node, "title", channel->title_html, channel->title_plain, lang)) {
    text_element(node, "title", display_name(source));
  }
  // Venus writes the splice time when the feed gives no date; atom.xml leaves it out (it is
  // optional in a source, RFC 4287 §4.2.11) so that its bytes do not change with the run.
  if (channel != nullptr && channel->updated) {
    date_element(node, "updated", *channel->updated, config, planet);
  } else if (planet == PlanetElements::keep) {
    date_element(node, "updated", now, config, planet);
  }
  if (planet == PlanetElements::keep) {
    planet_children(node, source, now);
  }
}

void frozen_source_children(pugi::xml_node node, const model::Source& frozen, const Source& source,
                            const config::Config& config, PlanetElements planet,
                            util::TimePoint now) {
  text_element(node, "id", frozen.id);
  if (std::string icon = safe_link(frozen.icon, util::UrlUse::resource); !icon.empty()) {
    text_element(node, "icon", icon);
  }
  if (std::string logo = safe_link(frozen.logo, util::UrlUse::resource); !logo.empty()) {
    text_element(node, "logo", logo);
  }
  for (const model::Tag& tag : frozen.categories) {
    if (!tag.term.empty()) {
      pugi::xml_node category = node.append_child("category");
      category.append_attribute("term") = xml_chars(tag.term).c_str();
      if (!tag.scheme.empty()) {
        category.append_attribute("scheme") = xml_chars(tag.scheme).c_str();
      }
      if (!tag.label.empty()) {
        category.append_attribute("label") = xml_chars(tag.label).c_str();
      }
    }
  }
  std::string name = display_name(source);
  if (!frozen.author.empty()) {
    person(node, "author", frozen.author, name);
  }
  for (const model::Person& contributor : frozen.contributors) {
    if (!contributor.empty()) {
      person(node, "contributor", contributor, name);
    }
  }
  if (frozen.links.empty()) {
    link(node, "alternate", safe_link(frozen.link));
    link(node, "self", xml_chars(source.url));
  }
  for (const model::Link& l : frozen.links) {
    link(node, l.rel.empty() ? "alternate" : l.rel, safe_link(l.href), l.type);
  }
  std::string_view format;
  for (const auto& [key, value] : frozen.planet) {
    if (key == "format") {
      format = value;
    }
  }
  if (format.empty() && source.status != nullptr) {
    format = source.status->state.format;
  }
  std::string lang = construct_language(frozen.language, format);
  if (!frozen.rights_html.empty()) {
    html_construct(node, "rights", frozen.rights_html);
    language(node.last_child(), lang);
  }
  if (!frozen.subtitle_html.empty()) {
    html_construct(node, "subtitle", frozen.subtitle_html);
    language(node.last_child(), lang);
  }
  if (!frozen.title_html.empty()) {
    html_construct(node, "title", frozen.title_html);
    language(node.last_child(), lang);
  } else if (!frozen.title_plain.empty()) {
    text_element(node, "title", frozen.title_plain);
    language(node.last_child(), lang);
  } else {
    text_element(node, "title", name);
  }
  if (frozen.updated) {
    date_element(node, "updated", *frozen.updated, config, planet);
  } else if (planet == PlanetElements::keep) {
    date_element(node, "updated", now, config, planet);
  }
  if (planet == PlanetElements::drop) {
    return;
  }
  if (frozen.planet.empty()) {
    planet_children(node, source, now);
    return;
  }
  for (const auto& [key, value] : frozen.planet) {
    if (is_xml_name(key)) {
      planet_element(node, key, value);
    }
  }
}

}  // namespace orrery::document::detail

namespace orrery::document {

std::vector<std::string> mark_duplicate_subscriptions(const config::Config& config,
                                                      std::span<model::ChannelStatus> channels) {
  std::map<std::string, model::ChannelStatus*> by_url;
  for (model::ChannelStatus& channel : channels) {
    channel.duplicate_of.clear();
    by_url.emplace(channel.state.url, &channel);
  }
  std::vector<std::string> lines;
  std::map<std::string, std::string> seen;  // feed id or address → the first subscription's URL
  for (const config::FeedSettings& feed : config.feeds) {
    auto it = by_url.find(feed.url);
    if (it == by_url.end()) {
      continue;  // never fetched: nothing known of it yet
    }
    model::ChannelStatus& channel = *it->second;
    const std::string& id = channel.channel.id;
    const std::string& address =
        channel.state.http_location.empty() ? feed.url : channel.state.http_location;
    std::string first;
    if (auto found = seen.find("id " + id); !id.empty() && found != seen.end()) {
      first = found->second;
    } else if (auto at = seen.find("address " + address); at != seen.end()) {
      first = at->second;
    }
    if (!first.empty() && first != feed.url) {
      channel.duplicate_of = first;
      lines.push_back("feed " + feed.url + ": duplicate subscription: the same feed as " + first);
    }
    if (!id.empty()) {
      seen.emplace("id " + id, feed.url);
    }
    seen.emplace("address " + address, feed.url);
  }
  return lines;
}

}  // namespace orrery::document
