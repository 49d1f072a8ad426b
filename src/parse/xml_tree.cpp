#include "parse/xml_tree.h"

#include <array>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "model/limits.h"
#include "util/strings.h"

namespace orrery::parse::xml {

QName split_name(std::string_view qualified) {
  std::size_t colon = qualified.find(':');
  if (colon == std::string_view::npos) {
    return {{}, qualified};
  }
  return {qualified.substr(0, colon), qualified.substr(colon + 1)};
}

namespace {

// The prefix an `xmlns` or `xmlns:p` attribute declares ("" for the default namespace), or
// nullopt when `name` declares nothing.
std::optional<std::string_view> declared_prefix(std::string_view name) {
  if (name.size() < 5 || name.compare(0, 5, "xmlns") != 0) return std::nullopt;
  if (name.size() == 5) return std::string_view();
  if (name[5] != ':') return std::nullopt;
  return name.substr(6);
}

}  // namespace

std::string bound_tree(pugi::xml_document& doc) {
  using model::limits::k_max_attributes_per_element;
  using model::limits::k_max_namespace_declarations;
  std::size_t declarations = 0;
  bool too_many_attributes = false;
  bool too_many_declarations = false;
  std::vector<std::pair<std::string, std::string>> kept;
  pugi::xml_node node = doc.first_child();
  while (node) {
    if (node.type() == pugi::node_element && node.first_attribute()) {
      std::size_t count = 0;
      std::size_t declared = 0;
      bool leading = true;  // every declaration comes before the other attributes
      for (pugi::xml_attribute a : node.attributes()) {
        ++count;
        if (declared_prefix(a.name())) {
          ++declared;
          leading = leading && declared == count;
        }
      }
      if (count > k_max_attributes_per_element || !leading ||
          declarations + declared > k_max_namespace_declarations) {
        // Rebuilt in one pass: declarations first, within the budget, then the rest.
        kept.clear();
        for (pugi::xml_attribute a : node.attributes()) {
          if (!declared_prefix(a.name())) continue;
          if (declarations >= k_max_namespace_declarations) {
            too_many_declarations = true;
          } else if (kept.size() >= k_max_attributes_per_element) {
            too_many_attributes = true;
          } else {
            ++declarations;
            kept.emplace_back(a.name(), a.value());
          }
        }
        for (pugi::xml_attribute a : node.attributes()) {
          if (declared_prefix(a.name())) continue;
          if (kept.size() >= k_max_attributes_per_element) {
            too_many_attributes = true;
            break;
          }
          kept.emplace_back(a.name(), a.value());
        }
        node.remove_attributes();
        for (const auto& [name, value] : kept) {
          node.append_attribute(name.c_str()).set_value(value.c_str());
        }
      } else {
        declarations += declared;
      }
    }
    // Next node in document order, iteratively.
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) node = node.parent();
    if (node) node = node.next_sibling();
  }
  if (too_many_declarations) {
    return "NamespaceLimitExceeded: more than " + std::to_string(k_max_namespace_declarations) +
           " namespace declarations (k_max_namespace_declarations), the rest ignored";
  }
  if (too_many_attributes) {
    return "AttributeLimitExceeded: an element has more than " +
           std::to_string(k_max_attributes_per_element) +
           " attributes (k_max_attributes_per_element), the rest ignored";
  }
  return {};
}

std::shared_ptr<const Bindings> Bindings::at(pugi::xml_node element,
                                             std::shared_ptr<const Bindings> parent) {
  pugi::xml_attribute a = element.first_attribute();
  if (!a || !declared_prefix(a.name())) return parent;  // declarations lead (bound_tree)
  // Declarations that repeat what is in scope (a generator declaring on every item) change
  // nothing: the parent's bindings are shared, not copied.
  bool changes = false;
  for (pugi::xml_attribute d = a; d && !changes; d = d.next_attribute()) {
    std::optional<std::string_view> prefix = declared_prefix(d.name());
    if (!prefix) break;
    changes = resolve(parent, *prefix) != std::string_view(d.value());
  }
  if (!changes) return parent;
  auto own = parent ? std::make_shared<Bindings>(*parent) : std::make_shared<Bindings>();
  for (; a; a = a.next_attribute()) {
    std::optional<std::string_view> prefix = declared_prefix(a.name());
    if (!prefix) break;
    own->m_uris[*prefix] = a.value();
  }
  return own;
}

std::string_view Bindings::uri(std::string_view prefix) const {
  if (prefix == "xml") return k_xml_ns;
  auto it = m_uris.find(prefix);
  return it == m_uris.end() ? std::string_view() : it->second;
}

std::string_view resolve(const std::shared_ptr<const Bindings>& bindings, std::string_view prefix) {
  if (prefix == "xml") return k_xml_ns;
  return bindings ? bindings->uri(prefix) : std::string_view();
}

std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") {
    return k_xml_ns;
  }
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
      std::optional<std::string_view> declared = declared_prefix(a.name());
      if (!declared) break;  // declarations lead (bound_tree)
      if (*declared == prefix) return a.value();
    }
  }
  return {};
}

std::string_view element_namespace(pugi::xml_node element) {
  return namespace_uri(element, split_name(element.name()).prefix);
}

const char* find_attribute(pugi::xml_node element, std::string_view local, std::string_view ns) {
  // Which prefixes in scope name `ns`: read in one walk up the tree (the nearest declaration
  // of a prefix wins), the first time a prefixed candidate needs it, so that an element with
  // many prefixed attributes costs one walk, not one per attribute.
  std::unordered_map<std::string_view, bool> names_ns;
  bool walked = false;
  for (pugi::xml_attribute a : element.attributes()) {
    QName q = split_name(a.name());
    if (q.local != local || q.prefix == "xmlns") {
      continue;
    }
    if (ns.empty() || q.prefix.empty()) {
      if (ns.empty() && q.prefix.empty()) return a.value();
      continue;
    }
    if (ns == k_xml_ns || q.prefix == "xml") {
      // Namespaces in XML §3: `xml` is bound to the XML namespace and no other prefix may be.
      if (ns == k_xml_ns && q.prefix == "xml") return a.value();
      continue;
    }
    if (!walked) {
      walked = true;
      for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
        for (pugi::xml_attribute d = n.first_attribute(); d; d = d.next_attribute()) {
          std::optional<std::string_view> declared = declared_prefix(d.name());
          if (!declared) break;  // declarations lead (bound_tree)
          names_ns.try_emplace(*declared, std::string_view(d.value()) == ns);
        }
      }
    }
    auto it = names_ns.find(q.prefix);
    if (it != names_ns.end() && it->second) return a.value();
  }
  return nullptr;
}

std::string attribute(pugi::xml_node element, std::string_view local, std::string_view ns) {
  const char* v = find_attribute(element, local, ns);
  return v ? std::string(v) : std::string();
}

void truncate_utf8(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  // Back off over continuation bytes so that no character is cut in half.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

std::string own_text(pugi::xml_node element) {
  std::string out;
  for (pugi::xml_node c : element.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      if (out.size() > model::limits::k_max_field_bytes) {
        truncate_utf8(out, model::limits::k_max_field_bytes);
        break;
      }
    }
  }
  return out;
}

bool has_element_children(pugi::xml_node element) {
  for (pugi::xml_node c : element.children()) {
    if (c.type() == pugi::node_element) {
      return true;
    }
  }
  return false;
}

namespace {

bool is_void_element(std::string_view name) {
  static constexpr std::array<std::string_view, 14> k_void{
      "area",  "base", "br",   "col",   "embed",  "hr",    "img",
      "input", "link", "meta", "param", "source", "track", "wbr"};
  for (std::string_view v : k_void) {
    if (util::iequals(v, name)) {
      return true;
    }
  }
  return false;
}

constexpr std::string_view k_svg_ns = "http://www.w3.org/2000/svg";
constexpr std::string_view k_mathml_ns = "http://www.w3.org/1998/Math/MathML";
constexpr std::string_view k_xlink_ns = "http://www.w3.org/1999/xlink";

bool is_html_vocabulary(std::string_view ns) {
  return ns == k_xhtml_ns || ns == k_svg_ns || ns == k_mathml_ns;
}

// The element's name as written in the serialisation: elements of the vocabularies HTML embeds
// (XHTML, SVG, MathML) without their prefix, as an HTML parser expects them.
std::string_view output_name(pugi::xml_node element, const std::shared_ptr<const Bindings>& ns) {
  QName q = split_name(element.name());
  if (!q.prefix.empty() && is_html_vocabulary(resolve(ns, q.prefix))) {
    return q.local;
  }
  return element.name();
}

// `element`'s tag; `ns` are the bindings at it, `parent_ns` those at its parent.
void open_tag(std::string& out, pugi::xml_node element, bool self_close,
              const std::shared_ptr<const Bindings>& ns,
              const std::shared_ptr<const Bindings>& parent_ns) {
  out += '<';
  out += output_name(element, ns);
  bool xlink = false;
  for (pugi::xml_attribute a : element.attributes()) {
    std::string_view name = a.name();
    QName q = split_name(name);
    if (name == "xmlns" || q.prefix == "xmlns") {
      continue;  // declarations belong to the feed document, not to the HTML fragment
    }
    xlink = xlink || (!q.prefix.empty() && resolve(ns, q.prefix) == k_xlink_ns);
    out += ' ';
    out += name;
    out += "=\"";
    util::append_escaped_html(out, a.value());
    out += '"';
  }
  // The root of embedded SVG or MathML names its namespace, as feedparser writes it, so that
  // the fragment still says what it is once out of the feed.
  std::string_view uri = resolve(ns, split_name(element.name()).prefix);
  pugi::xml_node parent = element.parent();
  std::string_view parent_uri = parent.type() == pugi::node_element
                                    ? resolve(parent_ns, split_name(parent.name()).prefix)
                                    : std::string_view();
  if ((uri == k_svg_ns || uri == k_mathml_ns) && parent_uri != uri) {
    out += " xmlns=\"";
    out += uri;
    out += '"';
  }
  if (xlink) {
    out += " xmlns:xlink=\"";
    out += k_xlink_ns;
    out += '"';
  }
  out += self_close ? " />" : ">";
}

}  // namespace

std::shared_ptr<const Bindings> bindings_at(pugi::xml_node node) {
  std::vector<pugi::xml_node> chain;
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    chain.push_back(n);
  }
  std::shared_ptr<const Bindings> bindings;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) bindings = Bindings::at(*it, bindings);
  return bindings;
}

std::string inner_xml(pugi::xml_node element, std::size_t max_depth, std::size_t max_bytes) {
  return inner_xml(element, bindings_at(element), max_depth, max_bytes);
}

std::string inner_xml(pugi::xml_node element, std::shared_ptr<const Bindings> bindings,
                      std::size_t max_depth, std::size_t max_bytes) {
  std::string out;
  // Explicit stack of open elements (and the bindings at their parents): a document nested
  // 10^6 deep must not exhaust the C++ stack.
  std::vector<std::pair<pugi::xml_node, std::shared_ptr<const Bindings>>> open;
  std::shared_ptr<const Bindings> scope = std::move(bindings);  // at the current node's parent
  pugi::xml_node node = element.first_child();
  while (node && out.size() < max_bytes) {
    bool descend = false;
    std::shared_ptr<const Bindings> own;
    switch (node.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        util::append_escaped_html(out, node.value());
        break;
      case pugi::node_element: {
        own = Bindings::at(node, scope);
        bool empty = !node.first_child();
        bool void_element = empty && is_void_element(output_name(node, own));
        open_tag(out, node, void_element, own, scope);
        if (!void_element) {
          if (!empty && open.size() < max_depth) {
            descend = true;
          } else {
            out += "</";
            out += output_name(node, own);
            out += '>';
          }
        }
        break;
      }
      default:
        break;  // comments, processing instructions
    }
    if (descend) {
      open.emplace_back(node, scope);
      scope = std::move(own);
      node = node.first_child();
      continue;
    }
    // Next sibling, closing finished parents.
    while (!node.next_sibling() && !open.empty()) {
      std::shared_ptr<const Bindings> at_node = std::move(scope);
      node = open.back().first;
      scope = std::move(open.back().second);
      open.pop_back();
      out += "</";
      out += output_name(node, at_node);
      out += '>';
    }
    node = node.next_sibling();
  }
  if (out.size() > max_bytes) {
    truncate_utf8(out, max_bytes);
  }
  return out;
}

std::string content(pugi::xml_node element) {
  if (has_element_children(element)) {
    return inner_xml(element, model::limits::k_max_xml_depth, model::limits::k_max_field_bytes);
  }
  return own_text(element);
}

std::string content(pugi::xml_node element, std::shared_ptr<const Bindings> bindings) {
  if (has_element_children(element)) {
    return inner_xml(element, std::move(bindings), model::limits::k_max_xml_depth,
                     model::limits::k_max_field_bytes);
  }
  return own_text(element);
}

}  // namespace orrery::parse::xml
