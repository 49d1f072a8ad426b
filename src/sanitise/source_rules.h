#pragma once
// source_rules: the rewrites feedparser makes to HTML source before it parses it, where its
// result is what a planet's readers should see and HTML5's is not. Internal to sanitise/.
//
// - A "<!" that opens neither a comment, a doctype nor a marked section is text ("&lt;!").
//   HTML5 reads it as a bogus comment and hides everything up to the next '>'.
// - "<name/>" or "<name />" without attributes, for an element that is not void (an XHTML habit
//   in HTML content), is "<name></name>". HTML5 ignores the slash and leaves the element open:
//   an empty <span/> wraps the rest of its paragraph, a <textarea/> swallows the rest of the post.
// - "</br>" is dropped, as feedparser drops end tags of void elements. HTML5 reads it as a
//   second <br>, so XHTML's <br></br> would be two line breaks.
// The script rule (script_rule.h) is the last; scan_source finds the input for all of them.
// Like feedparser, these read markup by sgmllib's patterns, not HTML5's; the character classes
// and the scan over '<' bytes are the tokenizer's (tokenizer.h).

#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

struct SourceScan {
  bool script_like = false;  // a start or end tag named script, style or applet (any case)
  bool rewrites = false;     // something apply_source_rewrites changes
};

// One pass over the '<' bytes of `html`.
SourceScan scan_source(std::string_view html);

// Applies the two rewrites above to `text`.
void apply_source_rewrites(std::string& text);

}  // namespace orrery::sanitise::detail
