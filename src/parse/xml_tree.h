#pragma once
// Internal: namespace-aware reading of a pugixml tree. pugixml keeps qualified names as written,
// so prefixes are resolved here against the xmlns declarations in scope; feed code compares
// namespace URIs, never prefixes.

#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace orrery::parse::xml {

inline constexpr std::string_view k_xml_ns = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view k_xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view k_rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct QName {
  std::string_view prefix;  // "" when unprefixed
  std::string_view local;
};

// Splits `dc:creator` into {"dc", "creator"}.
QName split_name(std::string_view qualified);

// The URI bound to `prefix` at `node` (through its ancestors; "" prefix = the default namespace),
// "" when unbound. `xml` is always bound to the XML namespace.
std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix);

// The namespace URI of an element.
std::string_view element_namespace(pugi::xml_node element);

// The value of the attribute with local name `local` in namespace `ns` ("" = unprefixed), or
// nullptr when absent. Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
const char* find_attribute(pugi::xml_node element, std::string_view local,
                           std::string_view ns = {});

// The attribute's value or "".
std::string attribute(pugi::xml_node element, std::string_view local, std::string_view ns = {});

// Shortens `s` to at most `max_bytes` without splitting a UTF-8 sequence.
void truncate_utf8(std::string& s, std::size_t max_bytes);

// The concatenated text and CDATA children of `element` (its own text, not its descendants').
std::string own_text(pugi::xml_node element);

// True when `element` has element children.
bool has_element_children(pugi::xml_node element);

// The children of `element` serialised as XML (markup as written, text escaped), for inline
// XHTML and for RSS elements holding naked markup. Elements in the XHTML namespace lose their
// prefix; void elements are written `<br />`. Descends at most `max_depth` levels (deeper
// content is dropped) and writes at most `max_bytes`, iteratively.
std::string inner_xml(pugi::xml_node element, std::size_t max_depth, std::size_t max_bytes);

// own_text when the element holds only text, else inner_xml.
std::string content(pugi::xml_node element);

}  // namespace orrery::parse::xml
