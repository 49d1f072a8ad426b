#pragma once
// filters-internal: the pugixml reading and writing the native filters share.

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "util/result.h"

namespace orrery::filters {

inline constexpr std::string_view k_atom_ns = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view k_xhtml_ns = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view k_planet_ns = "http://planet.intertwingly.net/";

// Parses a filter's input keeping everything a filter must hand on: whitespace-only text,
// comments, processing instructions, the declaration. DTD entities are never expanded.
util::Result<void> load_document(pugi::xml_document& doc, std::string_view xml);

// The document as UTF-8 text, unindented, as parsed (no declaration is added).
std::string save_document(const pugi::xml_document& doc);

// The namespace URI of an element, from the xmlns declarations in scope ("" for none).
std::string namespace_of(pugi::xml_node element);

// The element's name without its prefix.
std::string_view local_name(pugi::xml_node element);

}  // namespace orrery::filters
