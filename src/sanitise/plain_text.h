#pragma once
// plain_text: fragments with no markup at all (no '<', no '&'), which is what most titles,
// names and many RSS descriptions are. For them gumbo's tokenizer emits nothing but character
// tokens and the tree builder inserts them all, so sanitise_html and html_to_text can give
// the same answer without parsing. Internal to sanitise/; tests/unit/sanitise/plain_text_test
// checks the equivalence on every code point.

#include <string>
#include <string_view>

#include "sanitise/sanitise.h"

namespace orrery::sanitise::detail {

// True when `html` holds no '<' and no '&' (nothing the tokenizer reads as markup) and no
// byte-order mark (which gumbo may treat specially).
bool is_plain_text(std::string_view html);

// True when gumbo's input stream would change valid UTF-8 `text`: it holds a CR (CR and CRLF
// become LF) or a code point gumbo replaces with U+FFFD (controls other than tab, LF, FF, CR;
// DEL and C1; noncharacters).
bool changes_on_input(std::string_view text);

// util::is_clean_utf8(text) && !changes_on_input(text), in one pass: the text gumbo reads as it
// is. The usual input and output of the sanitiser, checked on both.
bool is_settled_text(std::string_view text);

// The text gumbo's one text node would hold for plain-text `html`: bounded and repaired as
// bounded_input() does, then changed as gumbo's input stream changes it (changes_on_input).
std::string plain_text_content(std::string_view html, const Limits& limits);

// Appends `text` escaped as the serialiser writes text nodes (&, <, > as references).
void append_escaped_text(std::string& out, std::string_view text);

}  // namespace orrery::sanitise::detail
