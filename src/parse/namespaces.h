#pragma once
// Internal: the namespace URIs feeds use and the prefixes feedparser names their elements by
// (`dc_creator`, `itunes_explicit`), whatever prefix a document binds them to.

#include <string>
#include <string_view>

namespace orrery::parse::ns {

inline constexpr std::string_view k_atom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view k_atom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view k_rss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view k_rss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view k_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

// True for the namespaces whose elements are RSS's own (none, RSS 0.90/1.0, the Userland and
// Harvard RSS 2.0 namespaces).
bool is_rss_core(std::string_view uri);

// True for Atom 1.0 and 0.3 (and the pre-0.3 drafts feedparser knows).
bool is_atom(std::string_view uri);

// feedparser's prefix for a namespace: "" for the core RSS and Atom namespaces, "dc" for Dublin
// Core, …; `document_prefix` when the URI is not one feedparser knows (lower-cased, as feedparser
// reports unknown elements).
std::string canonical_prefix(std::string_view uri, std::string_view document_prefix);

}  // namespace orrery::parse::ns
