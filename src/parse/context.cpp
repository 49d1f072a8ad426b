#include "parse/context.h"

#include "model/limits.h"
#include "parse/handlers.h"
#include "parse/namespaces.h"
#include "parse/xml_tree.h"
#include "util/strings.h"
#include "util/url.h"
#include "util/url_policy.h"

namespace orrery::parse {

std::string Element::key() const {
  return prefix.empty() ? std::string(local) : prefix + "_" + std::string(local);
}

Element Context::element(pugi::xml_node node, const Scope& parent) const {
  Element e;
  e.node = node;
  xml::QName q = xml::split_name(node.name());
  e.local = q.local;
  e.scope = parent;
  e.scope.ns = xml::Bindings::at(node, parent.ns);
  e.ns = xml::resolve(e.scope.ns, q.prefix);
  // An undeclared prefix is read as feedparser's loose parser reads it: by the prefix itself,
  // so <dc:creator> without xmlns:dc is still Dublin Core (a common slip in the wild).
  e.prefix = !q.prefix.empty() && e.ns.empty() ? util::to_lower(q.prefix)
                                               : ns::canonical_prefix(e.ns, q.prefix);
  e.dialect = m_dialect;
  // XML Base §4.2: a relative xml:base is resolved against the base in scope. One the URL policy
  // refuses (javascript:, data:) is ignored, as feedparser ignores it: the base in scope stays.
  if (const char* base = xml::find_attribute(node, "base", xml::k_xml_ns)) {
    std::string resolved = collapse_authority_slashes(util::resolve_url(parent.base, base));
    if (!util::allowed_url(resolved, util::UrlUse::resource, util::RelativeUrl::keep).empty()) {
      e.scope.base = std::move(resolved);
    } else if (parent.base.empty()) {
      e.scope.base.clear();
    }
  }
  if (const char* lang = xml::find_attribute(node, "lang", xml::k_xml_ns)) {
    e.scope.language = lang;
    for (char& c : e.scope.language) {
      if (c == '_') c = '-';  // en_US in the wild; BCP 47 wants en-US
    }
  }
  return e;
}

void Context::walk_children(const Element& parent, Target& target) {
  if (m_depth >= model::limits::k_max_xml_depth) {
    set_bozo("DepthLimitExceeded: elements nested deeper than " +
             std::to_string(model::limits::k_max_xml_depth) + " levels were ignored");
    return;
  }
  ++m_depth;
  for (pugi::xml_node child : parent.node.children()) {
    if (child.type() != pugi::node_element) continue;
    Element e = element(child, parent.scope);
    if (!xml::split_name(child.name()).prefix.empty() && e.ns.empty()) {
      set_bozo("UndeclaredNamespace: prefix of <" + std::string(child.name()) + "> is not bound");
    }
    handle(e, target);
  }
  --m_depth;
}

void Context::keep_unknown(const Element& e, Target& t) {
  if (xml::has_element_children(e.node)) {
    walk_children(e, t);
    return;
  }
  std::string key = util::to_lower(e.key());
  std::string text(util::trim(xml::own_text(e.node)));
  if (text.empty() && e.node.first_attribute()) {
    keep_attributes(e, t, std::move(key), false);
    return;
  }
  t.common.extensions.emplace_back(std::move(key), std::move(text));
}

void Context::handle(const Element& e, Target& t) {
  bool done = false;
  if (e.prefix.empty()) {
    bool atom = ns::is_atom(e.ns) ||
                (e.ns.empty() && (m_dialect == Dialect::atom10 || m_dialect == Dialect::atom03));
    done = atom ? atom_element(*this, e, t) || rss_element(*this, e, t)
                : rss_element(*this, e, t) || atom_element(*this, e, t);
  } else if (e.prefix == "dc" || e.prefix == "dcterms") {
    done = dc_element(*this, e, t);
  } else if (e.prefix == "content") {
    done = content_element(*this, e, t);
  } else if (e.prefix == "itunes") {
    done = itunes_element(*this, e, t);
  } else {
    done = misc_element(*this, e, t);
  }
  if (!done && e.prefix != "rdf" && e.prefix != "xhtml") {
    keep_unknown(e, t);
  }
}

void Context::add_entry(const Element& item) {
  if (m_feed.entries.size() >= model::limits::k_max_entries_per_feed) {
    set_bozo("EntryLimitExceeded: more than " +
             std::to_string(model::limits::k_max_entries_per_feed) + " entries, rest ignored");
    return;
  }
  model::ParsedEntry& entry = m_feed.entries.emplace_back();
  entry.base = item.scope.base;
  entry.language = item.scope.language;
  if (const char* about = xml::find_attribute(item.node, "about", xml::k_rdf_ns)) {
    entry.id = about;  // RSS 1.0 §5.5: the item's URI
  }
  Target t{entry, nullptr, &entry};
  walk_children(item, t);
}

void Context::read_source(const Element& source, model::ParsedEntry& entry) {
  model::ParsedChannel& channel = entry.source.emplace();
  channel.base = source.scope.base;
  channel.language = source.scope.language;
  Target t{channel, &channel, nullptr};
  walk_children(source, t);
}

void keep_attributes(const Element& e, Target& t, std::string key, bool repeated) {
  model::ExtensionElement x;
  x.key = std::move(key);
  x.repeated = repeated;
  std::size_t count = 0;
  for (pugi::xml_attribute a : e.node.attributes()) {
    std::string_view name = a.name();
    if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
    if (++count > model::limits::k_max_attributes_per_element) break;
    x.attributes.emplace_back(util::to_lower(xml::split_name(name).local), a.value());
  }
  t.common.extension_elements.push_back(std::move(x));
}

void Context::set_bozo(std::string exception) {
  if (!m_feed.bozo) {
    m_feed.bozo = true;
    m_feed.bozo_exception = std::move(exception);
  }
}

}  // namespace orrery::parse
