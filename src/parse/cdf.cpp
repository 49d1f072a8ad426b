// Microsoft's Channel Definition Format (W3C NOTE-CDFsubmit-19970309), the 1997 push format
// feedparser still reads: <CHANNEL HREF=""> with <TITLE>, <ABSTRACT> and <ITEM HREF=""
// LASTMOD="">. Element and attribute names are case-insensitive.

#include "parse/cdf.h"

#include "parse/dates.h"
#include "parse/xml_tree.h"
#include "util/strings.h"

namespace orrery::parse {

namespace {

std::string attribute_ci(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a : node.attributes()) {
    if (util::iequals(a.name(), name)) return std::string(util::trim(a.value()));
  }
  return {};
}

// TITLE and ABSTRACT of a CHANNEL or ITEM.
void read_texts(Context& ctx, const Element& e, Target& t) {
  for (pugi::xml_node c : e.node.children()) {
    if (c.type() != pugi::node_element) continue;
    Element child = ctx.element(c, e.scope);
    if (util::iequals(child.local, "title")) {
      t.common.title = rss_text(child, model::TextType::text);
    } else if (util::iequals(child.local, "abstract")) {
      add_summary(t, rss_text(child, model::TextType::text));
    }
  }
}

void read_href(const Element& e, Target& t) {
  std::string href = attribute_ci(e.node, "href");
  if (!href.empty()) add_link(t, {"alternate", "text/html", resolve(e, href), {}, {}, {}});
  std::string lastmod = attribute_ci(e.node, "lastmod");
  if (!lastmod.empty()) t.common.updated = model::Date{lastmod, parse_date(lastmod)};
}

}  // namespace

void read_cdf(Context& ctx, const Element& root) {
  model::ParsedFeed& out = ctx.feed();
  Element channel = root;
  // CDF's BASE attribute plays xml:base's part.
  std::string base = attribute_ci(root.node, "base");
  if (!base.empty()) channel.scope.base = resolve(root, base);
  out.feed.base = channel.scope.base;
  Target feed{out.feed, &out.feed, nullptr};
  read_href(channel, feed);
  read_texts(ctx, channel, feed);
  for (pugi::xml_node c : channel.node.children()) {
    if (c.type() != pugi::node_element || !util::iequals(xml::split_name(c.name()).local, "item")) {
      continue;
    }
    if (out.entries.size() >= model::limits::k_max_entries_per_feed) break;
    Element item = ctx.element(c, channel.scope);
    model::ParsedEntry& entry = out.entries.emplace_back();
    entry.base = item.scope.base;
    entry.language = item.scope.language;
    Target t{entry, nullptr, &entry};
    read_href(item, t);
    read_texts(ctx, item, t);
  }
}

}  // namespace orrery::parse
