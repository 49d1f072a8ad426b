#pragma once
// policy: what the sanitiser keeps. The allow-lists are feedparser's _HTMLSanitizer's
// (acceptable_elements, acceptable_attributes, MathML, a safe SVG subset), re-expressed as
// lookups by namespace, with the changes documented in policy.cpp. Internal to sanitise/.

#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

enum class Vocabulary { html, svg, mathml };

enum class ElementAction {
  keep,    // write the element, its allowed attributes and its children
  unwrap,  // drop the tag, keep the children (unknown or unsafe but harmless content)
  drop,    // drop the element and everything in it (script, style, applet, …)
};

// What to do with an element of `vocabulary` named `name` (lower case; SVG names as
// element_name() gives them, in camel case).
ElementAction element_action(Vocabulary vocabulary, std::string_view name);

// True for HTML elements written as `<br />`, with no end tag and no children.
bool is_void_element(std::string_view name);

// True when attribute `name` (its qualified form: "xlink:href", "xml:lang") may appear on an
// element of `vocabulary`. Never true for event handlers (on*) or style (see css.h).
bool is_allowed_attribute(Vocabulary vocabulary, std::string_view name);

// How an allowed attribute's value must be checked.
enum class AttributeValue {
  plain,     // any text
  url,       // one URL
  url_list,  // whitespace-separated URLs (ping)
  srcset,    // comma-separated "URL [descriptor]" candidates (img/source srcset)
};
AttributeValue attribute_value_kind(std::string_view name);

// Where a URL is used, for the data: rule.
enum class UrlContext { link, image_source };

// Returns the URL to write: `value` (entities already decoded by the parser) resolved against
// `base_url`, or "" when its scheme is not allowed. Allowed: util/url_policy.h's schemes (http,
// https, ftp; mailto for a link) and relative references; data: only for raster images (png,
// gif, jpeg, webp, base64) as an image_source. The scheme is judged as util::effective_scheme
// reads it: control characters removed, references decoded ("java&#9;script&colon;").
std::string safe_url(std::string_view value, std::string_view base_url, UrlContext context);

}  // namespace orrery::sanitise::detail
