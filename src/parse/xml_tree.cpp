#include "parse/xml_tree.h"

#include <array>
#include <cstring>
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

std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix) {
  if (prefix == "xml") {
    return k_xml_ns;
  }
  std::string wanted = prefix.empty() ? std::string("xmlns") : "xmlns:" + std::string(prefix);
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(wanted.c_str())) {
      return a.value();
    }
  }
  return {};
}

std::string_view element_namespace(pugi::xml_node element) {
  return namespace_uri(element, split_name(element.name()).prefix);
}

const char* find_attribute(pugi::xml_node element, std::string_view local, std::string_view ns) {
  for (pugi::xml_attribute a : element.attributes()) {
    QName q = split_name(a.name());
    if (q.local != local || q.prefix == "xmlns") {
      continue;
    }
    if (ns.empty() ? q.prefix.empty()
                   : (!q.prefix.empty() && namespace_uri(element, q.prefix) == ns)) {
      return a.value();
    }
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
std::string_view output_name(pugi::xml_node element) {
  QName q = split_name(element.name());
  if (!q.prefix.empty() && is_html_vocabulary(namespace_uri(element, q.prefix))) {
    return q.local;
  }
  return element.name();
}

void open_tag(std::string& out, pugi::xml_node element, bool self_close) {
  out += '<';
  out += output_name(element);
  bool xlink = false;
  for (pugi::xml_attribute a : element.attributes()) {
    std::string_view name = a.name();
    QName q = split_name(name);
    if (name == "xmlns" || q.prefix == "xmlns") {
      continue;  // declarations belong to the feed document, not to the HTML fragment
    }
    xlink = xlink || (!q.prefix.empty() && namespace_uri(element, q.prefix) == k_xlink_ns);
    out += ' ';
    out += name;
    out += "=\"";
    util::append_escaped_html(out, a.value());
    out += '"';
  }
  // The root of embedded SVG or MathML names its namespace, as feedparser writes it, so that
  // the fragment still says what it is once out of the feed.
  std::string_view ns = element_namespace(element);
  if ((ns == k_svg_ns || ns == k_mathml_ns) && element_namespace(element.parent()) != ns) {
    out += " xmlns=\"";
    out += ns;
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

std::string inner_xml(pugi::xml_node element, std::size_t max_depth, std::size_t max_bytes) {
  std::string out;
  // Explicit stack of open elements: a document nested 10^6 deep must not exhaust the C++ stack.
  std::vector<pugi::xml_node> open;
  pugi::xml_node node = element.first_child();
  while (node && out.size() < max_bytes) {
    bool descend = false;
    switch (node.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata:
        util::append_escaped_html(out, node.value());
        break;
      case pugi::node_element: {
        bool empty = !node.first_child();
        bool void_element = empty && is_void_element(output_name(node));
        open_tag(out, node, void_element);
        if (!void_element) {
          if (!empty && open.size() < max_depth) {
            descend = true;
          } else {
            out += "</";
            out += output_name(node);
            out += '>';
          }
        }
        break;
      }
      default:
        break;  // comments, processing instructions
    }
    if (descend) {
      open.push_back(node);
      node = node.first_child();
      continue;
    }
    // Next sibling, closing finished parents.
    while (!node.next_sibling() && !open.empty()) {
      node = open.back();
      open.pop_back();
      out += "</";
      out += output_name(node);
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

}  // namespace orrery::parse::xml
