// The XML reading lists: OPML and FOAF (RDF/XML). See config/reading_list.h for what is read.

#include <fmt/format.h>

#include <map>
#include <pugixml.hpp>
#include <set>
#include <unordered_map>
#include <utility>

#include "config/reading_list.h"
#include "util/strings.h"

namespace orrery::config {

namespace {

constexpr std::string_view k_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view k_rdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr std::string_view k_foaf = "http://xmlns.com/foaf/0.1/";
constexpr std::string_view k_dc = "http://purl.org/dc/elements/1.1/";

util::Result<void> load(pugi::xml_document& doc, std::string_view body) {
  // pugixml expands only the predefined and numeric entities, never a DTD's.
  pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size(), pugi::parse_default);
  if (!parsed) {
    return util::unexpected(
        fmt::format("not well-formed XML at byte {}: {}", parsed.offset, parsed.description()));
  }
  return {};
}

// Calls on_element(node) for every element in document order, without recursion (a hostile list
// may nest deeply), and on_leave(node) once its children are done.
template <typename Enter, typename Leave>
void walk(const pugi::xml_document& doc, Enter on_element, Leave on_leave) {
  pugi::xml_node node = doc.document_element();
  while (node) {
    on_element(node);
    pugi::xml_node child = node.first_child();
    while (child && child.type() != pugi::node_element) {
      child = child.next_sibling();
    }
    if (child) {
      node = child;
      continue;
    }
    // Leave this element and every ancestor that has no element after it.
    while (node) {
      on_leave(node);
      pugi::xml_node next = node.next_sibling();
      while (next && next.type() != pugi::node_element) {
        next = next.next_sibling();
      }
      if (next) {
        node = next;
        break;
      }
      node = node.parent();
      if (node.type() != pugi::node_element) {
        node = pugi::xml_node();
      }
    }
  }
}

std::string trimmed(const char* s) { return std::string(util::trim(s)); }

}  // namespace

util::Result<std::vector<ListedFeed>> parse_opml(std::string_view body) {
  pugi::xml_document doc;
  if (auto loaded = load(doc, body); !loaded) {
    return util::unexpected(loaded.error().message);
  }
  std::vector<ListedFeed> feeds;
  std::set<std::string> seen;
  auto on_element = [&](pugi::xml_node node) {
    if (std::string_view(node.name()) != "outline") {
      return;
    }
    // type is optional; "rss" is the norm, "atom" is seen; WordPress's link manager writes
    // type="link" for its feeds (with no url attribute).
    if (pugi::xml_attribute type = node.attribute("type")) {
      std::string t = util::to_lower(type.value());
      if (t == "link" && !node.attribute("url")) {
        t = "rss";
      }
      if (t != "rss" && t != "atom") {
        return;
      }
    }
    std::string url = trimmed(node.attribute("xmlUrl").value());
    for (pugi::xml_attribute a = node.first_attribute(); a && url.empty(); a = a.next_attribute()) {
      if (util::iequals(a.name(), "xmlUrl")) {  // xmlurl, XMLURL: common misspellings
        url = trimmed(a.value());
      }
    }
    if (url.empty() || !seen.insert(url).second) {
      return;
    }
    ListedFeed feed;
    feed.url = std::move(url);
    std::string name = trimmed(node.attribute("text").value());
    if (name.empty()) {
      name = trimmed(node.attribute("title").value());
    }
    if (!name.empty()) {
      feed.options.emplace("name", std::move(name));
    }
    feeds.push_back(std::move(feed));
  };
  walk(doc, on_element, [](pugi::xml_node) {});
  return feeds;
}

namespace {

// RDF/XML read as a graph just far enough for foaf.py's question. Node elements (the children
// of rdf:RDF, and of property elements) alternate with property elements (their children).
class RdfGraph {
 public:
  struct Value {
    std::string resource;  // rdf:resource, or the rdf:about of a nested node element
    std::string node;      // key of a nested node element, "" if none
    std::string literal;   // the property's text
  };

  explicit RdfGraph(const pugi::xml_document& doc) {
    walk(
        doc, [&](pugi::xml_node n) { enter(n); }, [&](pugi::xml_node) { leave(); });
  }

  // Every (subject key, value) of properties named ns + local, in document order. A node's key
  // is its rdf:about (so descriptions of one node anywhere in the file are merged), else a
  // blank-node key.
  const std::vector<std::pair<std::string, Value>>& statements(std::string_view ns,
                                                               std::string_view local) const {
    static const std::vector<std::pair<std::string, Value>> k_none;
    auto it = m_statements.find(std::string(ns) + std::string(local));
    return it == m_statements.end() ? k_none : it->second;
  }

  // The first value of property ns + local of the node `key`, or nullptr.
  const Value* target(const std::string& key, std::string_view ns, std::string_view local) const {
    for (const auto& [subject, value] : statements(ns, local)) {
      if (subject == key) {
        return &value;
      }
    }
    return nullptr;
  }

 private:
  struct Open {
    bool is_node = false;
    std::string key;  // of the node element (for a property: of its subject)
    std::string property;
    std::size_t declared = 0;  // namespace prefixes this element declared
    std::size_t statement = 0;
  };

  std::string resolve(std::string_view qname, bool is_attribute) {
    std::size_t colon = qname.find(':');
    std::string prefix(colon == std::string_view::npos ? "" : qname.substr(0, colon));
    if (prefix.empty() && is_attribute) {
      return std::string(qname);  // unprefixed attributes are in no namespace
    }
    auto it = m_namespaces.find(prefix);
    std::string ns = it == m_namespaces.end() || it->second.empty() ? "" : it->second.back();
    return ns + std::string(colon == std::string_view::npos ? qname : qname.substr(colon + 1));
  }

  void enter(pugi::xml_node n) {
    Open open;
    for (pugi::xml_attribute a : n.attributes()) {
      std::string_view name = a.name();
      if (name == "xmlns" || util::istarts_with(name, "xmlns:")) {
        m_declared.push_back(name.size() > 5 ? std::string(name.substr(6)) : "");
        m_namespaces[m_declared.back()].push_back(a.value());
        ++open.declared;
      }
    }
    std::string name = resolve(n.name(), false);
    bool parent_is_node = !m_open.empty() && m_open.back().is_node;
    open.is_node = m_open.empty() ? name != std::string(k_rdf) + "RDF" : !parent_is_node;
    std::string about = attribute(n, "about");
    std::string resource = attribute(n, "resource");
    if (open.is_node) {
      open.key = !about.empty() ? about : fmt::format("_:{}", m_next_blank++);
      if (std::string id = attribute(n, "nodeID"); !id.empty()) {
        open.key = "_:id:" + id;
      }
      if (!m_open.empty() && !m_open.back().is_node && !m_open.back().property.empty()) {
        // The object of the enclosing property element.
        Value& value = m_statements[m_open.back().property][m_open.back().statement].second;
        value.node = open.key;
        value.resource = about;
      }
      // Property attributes hold literals (<foaf:Person foaf:name="Ann">).
      for (pugi::xml_attribute a : n.attributes()) {
        std::string property = resolve(a.name(), true);
        if (property.find(':') != std::string::npos && !util::istarts_with(property, k_rdf)) {
          m_statements[property].push_back({open.key, Value{"", "", trimmed(a.value())}});
        }
      }
    } else if (!m_open.empty()) {
      open.key = m_open.back().key;
      open.property = name;
      auto& list = m_statements[name];
      open.statement = list.size();
      list.push_back({open.key, Value{resource, "", trimmed(n.child_value())}});
    }
    m_open.push_back(std::move(open));
  }

  void leave() {
    for (std::size_t i = 0; i < m_open.back().declared; ++i) {
      m_namespaces[m_declared.back()].pop_back();
      m_declared.pop_back();
    }
    m_open.pop_back();
  }

  // rdf:NAME (or a bare NAME, which old RDF allowed), "" if absent.
  std::string attribute(pugi::xml_node n, std::string_view local) {
    for (pugi::xml_attribute a : n.attributes()) {
      std::string name = resolve(a.name(), true);
      if (name == std::string(k_rdf) + std::string(local) || name == local) {
        return trimmed(a.value());
      }
    }
    return "";
  }

  std::unordered_map<std::string, std::vector<std::string>> m_namespaces;  // prefix → stack
  std::vector<std::string> m_declared;                                     // prefixes, in order
  std::vector<Open> m_open;
  std::unordered_map<std::string, std::vector<std::pair<std::string, Value>>> m_statements;
  std::size_t m_next_blank = 0;
};

}  // namespace

util::Result<std::vector<ListedFeed>> parse_foaf(std::string_view body) {
  pugi::xml_document doc;
  if (auto loaded = load(doc, body); !loaded) {
    return util::unexpected(loaded.error().message);
  }
  RdfGraph graph(doc);
  std::vector<ListedFeed> feeds;
  std::set<std::string> seen;
  for (const auto& [person, weblog] : graph.statements(k_foaf, "weblog")) {
    std::string document = !weblog.node.empty() ? weblog.node : weblog.resource;
    const RdfGraph::Value* see_also = graph.target(document, k_rdfs, "seeAlso");
    if (document.empty() || see_also == nullptr || see_also->resource.empty()) {
      continue;
    }
    ListedFeed feed;
    feed.url = see_also->resource;
    if (!seen.insert(feed.url).second) {
      continue;
    }
    const RdfGraph::Value* name = graph.target(person, k_foaf, "name");
    if (name == nullptr || name->literal.empty()) {
      name = graph.target(document, k_dc, "title");
    }
    if (name != nullptr && !name->literal.empty()) {
      feed.options.emplace("name", name->literal);
    }
    feeds.push_back(std::move(feed));
  }
  return feeds;
}

}  // namespace orrery::config
