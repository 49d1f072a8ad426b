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

// True when `text` is clean UTF-8 (util::is_clean_utf8: valid, no NUL) that gumbo's input
// stream reads as it is: no CR (CR and CRLF become LF) and no code point gumbo replaces with
// U+FFFD (controls other than tab, LF, FF; DEL and C1; noncharacters). One pass; the usual
// input and output of the sanitiser, checked on both.
bool is_settled_text(std::string_view text);

// For clean UTF-8 `text` (what bounded_input() gives): true when gumbo's input stream would
// change it. !is_settled_text(text), so text that is not clean counts as changed.
bool changes_on_input(std::string_view text);

// The text gumbo's one text node would hold for plain-text `html`: bounded and repaired as
// bounded_input() does, then changed as gumbo's input stream changes it (changes_on_input).
std::string plain_text_content(std::string_view html, const Limits& limits);

// Appends `text` escaped as the serialiser writes text nodes (&, <, > as references).
void append_escaped_text(std::string& out, std::string_view text);

}  // namespace orrery::sanitise::detail
