#include "render/atom.h"

#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <pugixml.hpp>

#include "render/htmltmpl/context.h"
#include "util/url.h"

namespace orrery::render {

namespace {

constexpr const char* k_atom_ns = "http://www.w3.org/2005/Atom";

// XML 1.0 §2.2 Char: no C0 controls but tab, newline and return; no U+FFFE or U+FFFF. The input
// is valid UTF-8 already (util/utf8.h), so only these need dropping.
std::string xml_chars(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
      continue;
    }
    if (u == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node node = parent.append_child(name);
  node.append_child(pugi::node_pcdata).set_value(xml_chars(value).c_str());
  return node;
}

void typed_element(pugi::xml_node parent, const char* name, const char* type,
                   std::string_view value) {
  pugi::xml_node node = text_element(parent, name, value);
  node.prepend_attribute("type") = type;
}

void link_element(pugi::xml_node parent, const char* rel, const std::string& href,
                  const std::string& type = {}) {
  std::string safe = safe_link(href);
  if (safe.empty()) {
    return;
  }
  pugi::xml_node link = parent.append_child("link");
  link.append_attribute("rel") = rel;
  link.append_attribute("href") = xml_chars(safe).c_str();
  if (!type.empty()) {
    link.append_attribute("type") = xml_chars(type).c_str();
  }
}

void person_element(pugi::xml_node parent, const model::Person& person) {
  pugi::xml_node author = parent.append_child("author");
  text_element(author, "name", person.name);
  if (!person.email.empty()) {
    text_element(author, "email", person.email);
  }
  std::string uri = safe_link(person.href);
  if (!uri.empty()) {
    text_element(author, "uri", uri);
  }
}

// An atom:id for something that has neither id nor link, stable across runs and builds:
// urn:orrery:KIND:<FNV-1a 64 of the parts>.
std::string stable_urn(std::string_view kind, std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 14695981039346656037ULL;
  for (std::string_view part : parts) {
    for (char c : part) {
      h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    h = (h ^ 0xFFU) * 1099511628211ULL;  // separator: ("ab","c") and ("a","bc") differ
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return "urn:orrery:" + std::string(kind) + ":" + hex;
}

void source_element(pugi::xml_node entry, const ChannelView& channel) {
  pugi::xml_node source = entry.append_child("source");
  const model::ChannelStatus* status = channel.status;
  text_element(source, "id",
               status && !status->channel.id.empty() ? status->channel.id : channel.url);
  text_element(source, "title", channel.name);
  if (status != nullptr) {
    link_element(source, "alternate", status->channel.link);
  }
  link_element(source, "self", channel.url);
  if (status != nullptr && status->channel.updated) {
    text_element(source, "updated", util::format_rfc3339(*status->channel.updated));
  }
  if (status != nullptr && !status->channel.author.name.empty()) {
    person_element(source, status->channel.author);
  }
}

void entry_element(pugi::xml_node feed, const model::StoredEntry& stored,
                   const ChannelView& channel) {
  const model::Entry& e = stored.entry;
  pugi::xml_node entry = feed.append_child("entry");
  // xml:lang where known: the entry's own language, else its channel's.
  const std::string& lang = !e.language.empty()         ? e.language
                            : channel.status != nullptr ? channel.status->channel.language
                                                        : e.language;
  if (!lang.empty()) {
    entry.append_attribute("xml:lang") = xml_chars(lang).c_str();
  }
  std::string link = safe_link(e.link);
  text_element(entry, "id",
               !e.id.empty()   ? e.id
               : !link.empty() ? link
                               : stable_urn("entry", {stored.feed_url, stored.entry.key}));
  typed_element(entry, "title", "text", e.title_plain);
  link_element(entry, "alternate", link);
  for (const model::Enclosure& enc : e.enclosures) {
    link_element(entry, "enclosure", enc.href, enc.type);
  }
  util::TimePoint updated = e.updated.value_or(e.published.value_or(stored.first_seen));
  text_element(entry, "updated", util::format_rfc3339(updated));
  if (e.published) {
    text_element(entry, "published", util::format_rfc3339(*e.published));
  }
  if (!e.author.name.empty()) {
    person_element(entry, e.author);
  }
  for (const std::string& tag : e.tags) {
    entry.append_child("category").append_attribute("term") = xml_chars(tag).c_str();
  }
  if (!e.content_html.empty()) {
    typed_element(entry, "content", "html", e.content_html);
    if (!e.summary_html.empty()) {
      typed_element(entry, "summary", "html", e.summary_html);
    }
  } else if (!e.summary_html.empty()) {
    typed_element(entry, "summary", "html", e.summary_html);
  }
  source_element(entry, channel);
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string write_atom(const RenderInput& input) {
  const config::PlanetSettings& planet = input.config->planet;
  std::string self = planet.link.empty() ? "" : util::resolve_url(planet.link, "atom.xml");

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  pugi::xml_node feed = doc.append_child("feed");
  feed.append_attribute("xmlns") = k_atom_ns;
  text_element(feed, "id", !self.empty() ? self : stable_urn("planet", {planet.name}));
  typed_element(feed, "title", "text", planet.name);
  link_element(feed, "self", self, "application/atom+xml");
  link_element(feed, "alternate", planet.link);
  text_element(feed, "updated", util::format_rfc3339(input.now));
  // RFC 4287 §4.1.1: an entry without an author takes the feed's.
  model::Person owner{
      planet.owner_name.empty() ? planet.name : planet.owner_name, planet.owner_email, {}};
  person_element(feed, owner);
  text_element(feed, "generator", input.generator);

  ChannelDirectory channels(input);
  for (const model::StoredEntry& stored : input.entries) {
    entry_element(feed, stored, channels.of(stored));
  }
  StringWriter writer;
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return std::move(writer.out);
}

}  // namespace orrery::render
