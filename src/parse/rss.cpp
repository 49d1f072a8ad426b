// RSS 0.90–2.0 elements (and the RSS 1.0 elements that share their names): channel and item
// children in no namespace or one of RSS's own namespaces.

#include "parse/handlers.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

using model::TextType;

std::string text_of(const Element& e) { return std::string(util::trim(xml::own_text(e.node))); }

bool is_feed_channel(Context& ctx, const Target& t) { return t.channel == &ctx.feed().feed; }

// <image>: read on its own so that its <title> and <link> do not bleed into the channel's.
void read_image(Context& ctx, const Element& e, Target& t) {
  if (!is_feed_channel(ctx, t)) return;  // an item's <image> has no feedparser meaning
  model::Image& image = t.channel->image.emplace();
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    std::string value = text_of(child);
    if (child.local == "url") {
      image.href = resolve(child, value);
    } else if (child.local == "title") {
      image.title = value;
    } else if (child.local == "link") {
      image.link = resolve(child, value);
    } else if (child.local == "description") {
      image.description = value;
    } else if (child.local == "width") {
      image.width = parse_integer(value);
    } else if (child.local == "height") {
      image.height = parse_integer(value);
    }
  }
  if (image.href.empty()) {
    if (const char* about = xml::find_attribute(e.node, "about", xml::k_rdf_ns)) {
      image.href = resolve(e, about);  // RSS 1.0 §5.4: rdf:about is the image URL
    }
  }
}

void read_textinput(Context& ctx, const Element& e, Target& t) {
  if (!t.channel) return;
  model::TextInput& input = t.channel->textinput.emplace();
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    std::string value = text_of(child);
    if (child.local == "title") {
      input.title = value;
    } else if (child.local == "description") {
      input.description = value;
    } else if (child.local == "name") {
      input.name = value;
    } else if (child.local == "link") {
      input.link = resolve(child, value);
    }
  }
}

// RSS 2.0 <guid>: isPermaLink defaults to true.
void read_guid(const Element& e, Target& t) {
  if (!t.entry) return;
  t.entry->id = text_of(e);
  std::string permalink = util::to_lower(util::trim(xml::attribute(e.node, "isPermaLink")));
  if (permalink.empty()) permalink = util::to_lower(xml::attribute(e.node, "ispermalink"));
  // feedparser: a permalink guid counts as the link only when no <link> came before it.
  t.entry->guidislink = permalink != "false" && !t.entry->id.empty() && t.common.link.empty();
}

void read_enclosure(const Element& e, Target& t) {
  if (!t.entry) return;
  model::Enclosure enc;
  // feedparser takes url, else href (seen in the wild, and in Venus's tests).
  const char* href = xml::find_attribute(e.node, "url");
  if (!href) href = xml::find_attribute(e.node, "href");
  enc.href = href ? resolve(e, href) : "";
  enc.type = xml::attribute(e.node, "type");
  enc.length = parse_integer(xml::attribute(e.node, "length"));
  model::Link link{"enclosure", enc.type, enc.href, {}, {}, enc.length};
  t.entry->enclosures.push_back(std::move(enc));
  t.common.links.push_back(std::move(link));
}

void read_author(Context& ctx, const Element& e, Target& t) {
  if (xml::has_element_children(e.node)) {
    add_author(t, atom_person(ctx, e));
  } else {
    add_text_author(t, text_of(e));
  }
}

// <tags>tag one, tag two</tags>: a comma-separated list seen in the wild.
void read_tag_list(const Element& e, Target& t) {
  std::string text = text_of(e);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view term = util::trim(std::string_view(text).substr(
        start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!term.empty()) add_tag(t, {std::string(term), {}, {}});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
}

bool read_channel_only(const Element& e, Target& t) {
  if (!t.channel) return false;
  std::string_view n = e.local;
  if (n == "generator") {
    t.channel->generator = text_of(e);
  } else if (n == "ttl") {
    t.channel->ttl = parse_integer(text_of(e));
  } else if (n == "docs") {
    t.channel->docs = resolve(e, text_of(e));
  } else if (n == "webMaster") {
    model::Person p = text_person(text_of(e));
    if (!p.empty()) t.common.publisher = p;
  } else if (n == "cloud") {
    for (pugi::xml_attribute a : e.node.attributes()) {
      t.channel->cloud.emplace_back(util::to_lower(a.name()), a.value());
    }
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool rss_element(Context& ctx, const Element& e, Target& t) {
  std::string_view n = e.local;
  if (n == "item") {
    if (is_feed_channel(ctx, t)) ctx.add_entry(e);
  } else if (n == "title") {
    t.common.title = rss_text(e, TextType::text);
  } else if (n == "link") {
    if (xml::find_attribute(e.node, "href")) return false;  // an Atom-style <link href="">
    std::string href = resolve(e, text_of(e));
    if (href.empty()) return true;
    add_link(t, {"alternate", "text/html", href, {}, {}, {}});
  } else if (n == "description" || n == "summary" || n == "abstract") {
    add_summary(t, rss_text(e, TextType::html));
  } else if (n == "fullitem" || n == "content") {
    if (!t.entry) return false;
    t.entry->content.push_back(rss_text(e, TextType::html));
  } else if (n == "body") {
    // An inline XHTML body without its namespace: feedparser reads it as XHTML content.
    if (!t.entry) return false;
    model::TextConstruct tc = rss_text(e, TextType::xhtml);
    tc.type = xml::has_element_children(e.node) ? TextType::xhtml : tc.type;
    t.entry->content.push_back(std::move(tc));
  } else if (n == "guid") {
    read_guid(e, t);
  } else if (n == "pubDate") {
    t.common.published = read_date(e);
  } else if (n == "lastBuildDate") {
    t.common.updated = read_date(e);
  } else if (n == "expirationDate") {
    if (t.entry) t.entry->expired = read_date(e);
  } else if (n == "author" || n == "managingEditor") {
    read_author(ctx, e, t);
  } else if (n == "category") {
    add_tag(t, {text_of(e), xml::attribute(e.node, "domain"), {}});
  } else if (n == "tags") {
    read_tag_list(e, t);
  } else if (n == "enclosure") {
    read_enclosure(e, t);
  } else if (n == "comments") {
    if (!t.entry) return false;
    t.entry->comments = resolve(e, text_of(e));
  } else if (n == "source") {
    if (!t.entry) return true;
    if (xml::has_element_children(e.node)) return false;  // Atom-style <source>
    model::ParsedChannel& source = t.entry->source.emplace();
    source.title = model::TextConstruct{TextType::text, text_of(e), {}, {}, {}, {}};
    source.href = resolve(e, xml::attribute(e.node, "url"));
  } else if (n == "language") {
    t.common.language = text_of(e);
  } else if (n == "copyright") {
    t.common.rights = rss_text(e, TextType::text);
  } else if (n == "image") {
    read_image(ctx, e, t);
  } else if (n == "textInput" || n == "textinput") {
    read_textinput(ctx, e, t);
  } else if (n == "items" || n == "skipHours" || n == "skipDays") {
    // RSS 1.0's rdf:Seq of item URIs and the RSS 2.0 schedule hints: nothing to keep
  } else {
    return read_channel_only(e, t);
  }
  return true;
}

}  // namespace orrery::parse
