#include "filters/entry_xml.h"

#include <sstream>

#include <fmt/format.h>

#include "filters/chain.h"

namespace orrery::filters {

util::Result<void> load_document(pugi::xml_document& doc, std::string_view xml) {
  constexpr unsigned k_flags = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_comments |
                               pugi::parse_pi | pugi::parse_declaration;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), k_flags, pugi::encoding_utf8);
  if (!r) {
    return util::unexpected(
        fmt::format("input is not well-formed XML: {} at byte {}", r.description(), r.offset));
  }
  if (!doc.document_element()) {
    return util::unexpected("input has no document element");
  }
  return {};
}

std::string save_document(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

std::string_view local_name(pugi::xml_node element) {
  std::string_view name = element.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string namespace_of(pugi::xml_node element) {
  std::string_view name = element.name();
  auto colon = name.find(':');
  std::string attr = colon == std::string_view::npos
                         ? std::string("xmlns")
                         : "xmlns:" + std::string(name.substr(0, colon));
  for (pugi::xml_node n = element; n && n.type() == pugi::node_element; n = n.parent()) {
    if (pugi::xml_attribute a = n.attribute(attr.c_str())) {
      return a.value();
    }
  }
  return "";
}

std::optional<std::string> planet_excerpt(std::string_view entry) {
  pugi::xml_document doc;
  if (!load_document(doc, entry)) {
    return std::nullopt;
  }
  for (pugi::xml_node child : doc.document_element().children()) {
    if (child.type() == pugi::node_element && local_name(child) == "excerpt" &&
        namespace_of(child) == k_planet_ns) {
      // An xhtml construct's one div is its wrapper (RFC 4287 §3.1.1.3), not part of the
      // excerpt: excerpt.py copies an xhtml summary's div, and the spliced document wraps the
      // stored HTML in a div of its own again.
      pugi::xml_node content = child;
      pugi::xml_node only;
      bool one_div = true;
      for (pugi::xml_node n : child.children()) {
        if (n.type() == pugi::node_element && !only) {
          only = n;
        } else if (n.type() == pugi::node_element ||
                   ((n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) &&
                    std::string_view(n.value()).find_first_not_of(" \t\r\n") !=
                        std::string_view::npos)) {
          one_div = false;
        }
      }
      if (one_div && only && local_name(only) == "div" &&
          namespace_of(only) == "http://www.w3.org/1999/xhtml") {
        content = only;
      }
      std::ostringstream out;
      for (pugi::xml_node n : content.children()) {
        n.print(out, "", pugi::format_raw, pugi::encoding_utf8);
      }
      return out.str();
    }
  }
  return std::nullopt;
}

}  // namespace orrery::filters
