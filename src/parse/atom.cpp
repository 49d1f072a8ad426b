// Atom 1.0 (RFC 4287) and Atom 0.3 elements, in feeds, entries and entry sources.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

std::string text_of(const Element& e) { return std::string(util::trim(xml::own_text(e.node))); }

// RFC 4287 §4.2.7.
void read_link(const Element& e, Target& t) {
  model::Link link;
  link.rel = std::string(util::trim(xml::attribute(e.node, "rel")));
  link.type = std::string(util::trim(xml::attribute(e.node, "type")));
  const char* href = xml::find_attribute(e.node, "href");
  link.href = href ? resolve(e, href) : resolve(e, text_of(e));
  link.title = xml::attribute(e.node, "title");
  link.hreflang = xml::attribute(e.node, "hreflang");
  link.length = parse_integer(xml::attribute(e.node, "length"));
  add_link(t, std::move(link));
}

// RFC 4287 §4.2.2.
void read_category(const Element& e, Target& t) {
  model::Tag tag;
  tag.term = std::string(util::trim(xml::attribute(e.node, "term")));
  tag.scheme = xml::attribute(e.node, "scheme");
  tag.label = xml::attribute(e.node, "label");
  if (tag.term.empty() && !xml::find_attribute(e.node, "term")) {
    tag.term = text_of(e);  // Atom 0.3 era feeds write the term as text
  }
  add_tag(t, std::move(tag));
}

// RFC 4287 §4.2.4 (Atom 0.3: url instead of uri).
void read_generator(const Element& e, Target& t) {
  if (!t.channel) return;
  t.channel->generator = text_of(e);
  const char* uri = xml::find_attribute(e.node, "uri");
  if (!uri) uri = xml::find_attribute(e.node, "url");
  if (uri) t.channel->generator_href = resolve(e, uri);
  t.channel->generator_version = xml::attribute(e.node, "version");
}

bool is_feed_channel(Context& ctx, const Target& t) { return t.channel == &ctx.feed().feed; }

// Channel-only constructs: subtitle/tagline, icon, logo, info.
bool read_channel_only(const Element& e, Target& t) {
  if (!t.channel) return false;
  std::string_view n = e.local;
  if (n == "subtitle" || n == "tagline") {
    t.channel->subtitle = atom_text(e);
  } else if (n == "icon") {
    t.channel->icon = resolve(e, text_of(e));
  } else if (n == "logo") {
    t.channel->logo = resolve(e, text_of(e));
  } else if (n == "info") {
    t.channel->info = atom_text(e);
  } else if (n == "generator") {
    read_generator(e, t);
  } else {
    return false;
  }
  return true;
}

constexpr std::string_view k_google_reader_ns = "http://www.google.com/schemas/reader/atom/";

}  // namespace

bool atom_element(Context& ctx, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "entry") {
    if (is_feed_channel(ctx, t)) ctx.add_entry(e);
  } else if (n == "title") {
    t.common.title = atom_text(e);
  } else if (n == "link") {
    read_link(e, t);
  } else if (n == "id") {
    // Google Reader's re-published feeds carry the publisher's id beside Reader's own, and
    // Planet Venus keeps the publisher's (its reconstitute test gr_id).
    const char* original = xml::find_attribute(e.node, "original-id", k_google_reader_ns);
    t.common.id =
        resolve(e, original != nullptr && *original != '\0' ? std::string(original) : text_of(e));
  } else if (n == "author") {
    add_author(t, atom_person(ctx, e));
  } else if (n == "contributor") {
    model::Person p = atom_person(ctx, e);
    if (!p.empty()) t.common.contributors.push_back(std::move(p));
  } else if (n == "published" || n == "issued") {
    t.common.published = read_date(e);
  } else if (n == "updated" || n == "modified") {
    t.common.updated = read_date(e);
  } else if (n == "created") {
    t.common.created = read_date(e);
  } else if (n == "category") {
    read_category(e, t);
  } else if (n == "rights" || n == "copyright") {
    t.common.rights = atom_text(e);
  } else if (n == "summary") {
    add_summary(t, atom_text(e));
  } else if (n == "content") {
    if (!t.entry) return false;
    t.entry->content.push_back(atom_text(e));
  } else if (n == "source") {
    if (t.entry) ctx.read_source(e, *t.entry);
  } else {
    return read_channel_only(e, t);
  }
  return true;
}

}  // namespace orrery::parse
