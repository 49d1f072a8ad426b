#pragma once
// Small string helpers used across modules. ASCII-only case mapping: feed syntax is ASCII.

#include <string>
#include <string_view>
#include <vector>

namespace orrery::util {

// Strips ASCII whitespace (space, \t, \n, \r, \f, \v) from both ends.
std::string_view trim(std::string_view s);

std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

// Splits on any run of ASCII whitespace; no empty pieces.
std::vector<std::string> split_whitespace(std::string_view s);

void replace_all(std::string& s, std::string_view from, std::string_view to);

// Whether escape_html also escapes ' (as &#39;): needed where a template may put the value in
// a single-quoted attribute.
enum class Apostrophes { keep, escape };

// Escapes & < > " (and ' on request) for HTML/XML text and quoted attribute values.
std::string escape_html(std::string_view s, Apostrophes apostrophes = Apostrophes::keep);
void append_escaped_html(std::string& out, std::string_view s,
                         Apostrophes apostrophes = Apostrophes::keep);

// Collapses runs of ASCII whitespace to one space and trims.
std::string collapse_whitespace(std::string_view s);

}  // namespace orrery::util
