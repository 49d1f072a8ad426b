#pragma once
// sanitise: HTML from feeds → HTML safe to put in a page. gumbo parses it as an HTML5 fragment;
// an allow-list walk keeps known-safe elements, attributes, URL schemes and CSS; the result is
// serialised the way feedparser does (double quotes, `<br />`, `prop: value;`).

#include <string>
#include <string_view>

namespace orrery::sanitise {

// Returns the sanitised fragment. Relative URLs are resolved against base_url when it is
// absolute. Never throws on any input; output is balanced and valid UTF-8.
std::string sanitise_html(std::string_view html, std::string_view base_url);

// The text of an HTML fragment: tags removed, entities decoded, script/style content dropped,
// whitespace collapsed. For titles and names, which are text wherever they are shown.
std::string html_to_text(std::string_view html);

}  // namespace orrery::sanitise
