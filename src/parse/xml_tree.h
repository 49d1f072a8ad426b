#pragma once
// Internal: namespace-aware reading of a pugixml tree. pugixml keeps qualified names as written,
// so prefixes are resolved here against the xmlns declarations in scope; feed code compares
// namespace URIs, never prefixes.

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <pugixml.hpp>

namespace orrery::parse::xml {

inline constexpr std::string_view k_xml_ns = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view k_xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view k_rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

struct QName {
  std::string_view prefix;  // "" when unprefixed
  std::string_view local;
};

// Puts the bounds of model/limits.h on a freshly loaded tree, in one pass over it whatever its
// depth: at most k_max_attributes_per_element attributes on an element and at most
// k_max_namespace_declarations namespace declarations in the document (later ones are
// dropped), and every element's declarations before its other attributes, so that a
// namespace lookup reads only declarations. Returns the bozo exception naming the bound that
// was applied ("" when none was).
std::string bound_tree(pugi::xml_document& doc);

// The namespace bindings in scope at an element, built down the tree from its parent's: an
// element that declares nothing shares its parent's bindings, one that declares copies them
// and adds its own (bounded by k_max_namespace_declarations), so a lookup costs one hash
// probe whatever the depth. Views into the tree: valid while the document lives.
class Bindings {
 public:
  // The bindings at `element`, whose parent's are `parent` (nullptr at the root).
  static std::shared_ptr<const Bindings> at(pugi::xml_node element,
                                            std::shared_ptr<const Bindings> parent);

  // The URI bound to `prefix` ("" = the default namespace), "" when unbound; `xml` is always
  // the XML namespace.
  std::string_view uri(std::string_view prefix) const;

 private:
  std::unordered_map<std::string_view, std::string_view> m_uris;
};

// uri() on possibly-null bindings.
std::string_view resolve(const std::shared_ptr<const Bindings>& bindings, std::string_view prefix);

// Splits `dc:creator` into {"dc", "creator"}.
QName split_name(std::string_view qualified);

// The URI bound to `prefix` at `node` (through its ancestors; "" prefix = the default namespace),
// "" when unbound. `xml` is always bound to the XML namespace. Costs the depth of `node`:
// code that walks a tree keeps Bindings instead. Reads only the leading declarations of each
// element (bound_tree puts them first).
std::string_view namespace_uri(pugi::xml_node node, std::string_view prefix);

// The namespace URI of an element.
std::string_view element_namespace(pugi::xml_node element);

// The value of the attribute with local name `local` in namespace `ns` ("" = unprefixed), or
// nullptr when absent. Unprefixed attributes are in no namespace (Namespaces in XML §6.2).
// The `xml` prefix alone names the XML namespace; any other namespace is looked up once per
// call, not once per attribute.
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
// The same, `bindings` being those at `element` (no walk up the tree to find them).
std::string inner_xml(pugi::xml_node element, std::shared_ptr<const Bindings> bindings,
                      std::size_t max_depth, std::size_t max_bytes);

// The bindings at `node`, built from the root down (costs its depth).
std::shared_ptr<const Bindings> bindings_at(pugi::xml_node node);

// own_text when the element holds only text, else inner_xml.
std::string content(pugi::xml_node element);
std::string content(pugi::xml_node element, std::shared_ptr<const Bindings> bindings);

}  // namespace orrery::parse::xml
