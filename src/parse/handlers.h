#pragma once
// Internal: the element handlers, one per format and extension file. Each reads element `e`
// into `t` and returns true, or returns false when the element is not one it knows (it then
// becomes a `prefix_localname` extension).

#include "parse/context.h"

namespace orrery::parse {

bool rss_element(Context& ctx, const Element& e, Target& t);      // rss.cpp
bool atom_element(Context& ctx, const Element& e, Target& t);     // atom.cpp
bool dc_element(Context& ctx, const Element& e, Target& t);       // ext_dc.cpp (dc, dcterms)
bool content_element(Context& ctx, const Element& e, Target& t);  // ext_content.cpp
bool itunes_element(Context& ctx, const Element& e, Target& t);   // ext_itunes.cpp
bool misc_element(Context& ctx, const Element& e, Target& t);     // ext_misc.cpp
bool media_element(Context& ctx, const Element& e, Target& t);    // ext_media.cpp
bool geo_element(Context& ctx, const Element& e, Target& t);      // ext_geo.cpp

}  // namespace orrery::parse
