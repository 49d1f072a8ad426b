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
      std::ostringstream out;
      for (pugi::xml_node n : child.children()) {
        n.print(out, "", pugi::format_raw, pugi::encoding_utf8);
      }
      return out.str();
    }
  }
  return std::nullopt;
}

}  // namespace orrery::filters
