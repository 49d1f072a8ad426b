#pragma once
// script_rule: feedparser's way of removing <script>, <style> and <applet>, applied to the
// source before it is parsed. Internal to sanitise/.
//
// feedparser does not treat these as raw-text elements. It tokenizes the whole fragment as
// SGML and keeps one counter: each start tag of the three adds one, each end tag takes one
// away (a stray end tag too, so the counter can go below zero), and text is written only
// while the counter is zero. An HTML5 parser instead drops everything from <script> to the
// first </script. The two differ only on unbalanced input: after a stray </script>, feedparser
// drops the text up to the next <script> and then keeps that script's body as text. Planets
// have shown feedparser's result for twenty years, and its test suite asks for it.
//
// The rule here follows that counter over the tokenizer's sgmllib dialect (tokenizer.h:
// SgmlScanner; comments end at "--" and '>', a quoted attribute value may hold '>'). It removes the
// three elements' tags, the text written while the counter is not zero, and, while it is above
// zero, the tags and comments as well (script content, not markup; feedparser would write those
// tags out). What remains is ordinary HTML for the parser and the allow-list that follow, so the
// rule decides only which text survives and cannot let markup through that the sanitiser would
// refuse.

#include <optional>
#include <string>
#include <string_view>

#include "sanitise/source_rules.h"

namespace orrery::sanitise::detail {

// True when `html` has a start or end tag named script, style or applet (any case): the only
// input apply_script_rule changes (scan_source's script_like).
bool has_script_like_tag(std::string_view html);

// `html` with feedparser's script/style/applet rule applied; nullopt when it changes nothing.
// Linear in the input; the result is never longer than the input.
std::optional<std::string> apply_script_rule(std::string_view html);

// What the parser is given for `html`: `html` itself, or the rule's result, kept in `storage`.
// `scan` is set to scan_source of the result.
std::string_view script_ruled(std::string_view html, std::optional<std::string>& storage,
                              SourceScan& scan);

}  // namespace orrery::sanitise::detail
