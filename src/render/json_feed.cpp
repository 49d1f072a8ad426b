#include "render/json_feed.h"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "render/htmltmpl/context.h"
#include "render/writer_common.h"
#include "util/strings.h"
#include "util/utf8.h"

namespace orrery::render {

namespace {

using json = nlohmann::ordered_json;

// Decodes the reference at html[pos] ('&'); returns how many bytes it took (0: not one we know,
// copied as written).
std::size_t decode_reference(std::string_view html, std::size_t pos, std::string& out) {
  // Look no further than the longest reference decoded here ("&#x10FFFF;"), so that a text of
  // many '&' and no ';' stays linear.
  constexpr std::size_t k_longest_reference = 10;
  std::size_t end = html.substr(pos, k_longest_reference + 1).find(';');
  if (end == std::string_view::npos) {
    return 0;
  }
  end += pos;
  std::string_view name = html.substr(pos + 1, end - pos - 1);
  static constexpr std::pair<std::string_view, std::string_view> k_named[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  for (const auto& [entity, text] : k_named) {
    if (name == entity) {
      out += text;
      return end - pos + 1;
    }
  }
  if (name.size() < 2 || name[0] != '#') {
    return 0;
  }
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  std::uint32_t cp = 0;
  for (char c : digits) {
    int d = (c >= '0' && c <= '9')          ? c - '0'
            : hex && (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : hex && (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                            : -1;
    if (d < 0 || cp > 0x10FFFF) {
      return 0;
    }
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
  }
  if (digits.empty()) {
    return 0;
  }
  util::append_utf8(out, cp == 0 ? 0xFFFD : cp);  // U+0000 is no character of a text
  return end - pos + 1;
}

json person(std::string_view name, std::string_view url) {
  json p = json::object();
  if (!name.empty()) {
    p["name"] = name;
  }
  std::string safe = safe_link(url);
  if (!safe.empty()) {
    p["url"] = safe;
  }
  return p;
}

json item_of(const model::StoredEntry& stored, const ChannelView& channel) {
  const model::Entry& e = stored.entry;
  json item = json::object();
  item["id"] = entry_id(stored);
  std::string url = safe_link(e.link);
  if (!url.empty()) {
    item["url"] = url;
  }
  if (!e.title_plain.empty()) {
    item["title"] = e.title_plain;
  }
  // JSON Feed 1.1: content_html or content_text must be present.
  item["content_html"] = !e.content_html.empty() ? e.content_html : e.summary_html;
  if (!e.content_html.empty() && !e.summary_html.empty()) {
    item["summary"] = text_of_html(e.summary_html);
  }
  if (e.published) {
    item["date_published"] = util::format_rfc3339(*e.published);
  }
  item["date_modified"] = util::format_rfc3339(e.updated.value_or(stored.first_seen));
  json author = !e.author.name.empty() || !safe_link(e.author.href).empty()
                    ? person(e.author.name, e.author.href)
                    : person(channel.name, channel.status ? channel.status->channel.link : "");
  if (!author.empty()) {
    item["authors"] = json::array({author});
  }
  if (!e.tags.empty()) {
    item["tags"] = e.tags;
  }
  if (std::string language = language_tag(e.language); !language.empty()) {
    item["language"] = language;
  }
  json attachments = json::array();
  for (const model::Enclosure& enc : e.enclosures) {
    std::string href = safe_link(enc.href, util::UrlUse::resource);
    if (href.empty()) {
      continue;
    }
    json a = {{"url", href},
              {"mime_type", util::media_type(enc.type).empty() ? "application/octet-stream"
                                                               : util::media_type(enc.type)}};
    if (enc.length && *enc.length > 0) {
      a["size_in_bytes"] = *enc.length;
    }
    attachments.push_back(std::move(a));
  }
  if (!attachments.empty()) {
    item["attachments"] = std::move(attachments);
  }
  return item;
}

}  // namespace

std::string text_of_html(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      // Skip the tag, minding quoted attribute values (a '>' may stand in one).
      char quote = 0;
      std::size_t j = i + 1;
      for (; j < html.size(); ++j) {
        if (quote != 0) {
          quote = html[j] == quote ? 0 : quote;
        } else if (html[j] == '"' || html[j] == '\'') {
          quote = html[j];
        } else if (html[j] == '>') {
          break;
        }
      }
      out += ' ';
      i = j + 1;
    } else if (html[i] == '&') {
      std::size_t used = decode_reference(html, i, out);
      if (used == 0) {
        out += '&';
        used = 1;
      }
      i += used;
    } else {
      out += html[i++];
    }
  }
  return util::collapse_whitespace(out);
}

std::string write_json_feed(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  json feed = json::object();
  feed["version"] = "https://jsonfeed.org/version/1.1";
  feed["title"] = planet.name;
  std::string home = safe_link(planet.link);
  if (!home.empty()) {
    feed["home_page_url"] = home;
  }
  std::string self = planet_url(input, "feed.json");
  if (!self.empty()) {
    feed["feed_url"] = self;
  }
  feed["description"] = home.empty() ? planet.name : planet.name + " - " + home;
  json owner = person(planet.owner_name, "");
  if (!owner.empty()) {
    feed["authors"] = json::array({owner});
  }
  json items = json::array();
  ChannelDirectory channels(input);
  for (const model::StoredEntry& stored : input.entries) {
    items.push_back(item_of(stored, channels.of(stored)));
  }
  feed["items"] = std::move(items);
  // Invalid UTF-8 cannot reach here (the store holds valid UTF-8); replace rather than throw.
  return feed.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace orrery::render
