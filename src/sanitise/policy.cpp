#include "sanitise/policy.h"

#include <algorithm>
#include <unordered_set>

#include "util/strings.h"
#include "util/url.h"
#include "util/url_policy.h"

namespace orrery::sanitise::detail {

namespace {

using NameSet = std::unordered_set<std::string_view>;

// The tables below are packed by hand (clang-format would put one name per line).

// feedparser's acceptable_elements, less `form` (a phishing surface in a page of other people's
// posts) and `noscript` (unwrapped instead: a browser running scripts parses its content as raw
// text, which is the classic mutation-XSS shape; its fallback images are what we want anyway).
const NameSet& html_elements() {
  // clang-format off
  static const NameSet names{
      "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
      "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
      "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir",
      "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure", "font", "footer",
      "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd",
      "keygen", "label", "legend", "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid",
      "ol", "optgroup", "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s",
      "samp", "section", "select", "small", "sound", "source", "spacer", "span", "strike", "strong",
      "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt",
      "u", "ul", "var", "video"};
  // clang-format on
  return names;
}

// Elements dropped with everything in them, in any vocabulary: their content is code, styling
// or embedding machinery, never text meant for the reader. Other unsafe elements (object,
// embed, form, base, meta, link) are unwrapped: void ones have nothing to keep, and the
// children of the others are fallback content.
const NameSet& dropped_elements() {
  // iframe, noembed and noframes arrive here only if the pre-parse pass (nesting_guard.h)
  // could not inline their fallback content: it is then raw text, dropped with them.
  static const NameSet names{"script", "style", "applet", "template", "frameset", "frame", "iframe",
                             "noembed", "noframes",
                             // MathML's annotation-xml is an HTML integration point only by an
                             // attribute value (encoding="text/html"), which a reader's parser
                             // and ours could judge differently; feedparser keeps it, we don't.
                             "annotation-xml"};
  return names;
}

// feedparser's mathml_elements, less annotation-xml (an HTML integration point).
const NameSet& mathml_elements() {
  // clang-format off
  static const NameSet names{
      "annotation", "maction", "maligngroup", "malignmark", "math", "menclose", "merror", "mfenced",
      "mfrac", "mglyph", "mi", "mlabeledtr", "mlongdiv", "mmultiscripts", "mn", "mo", "mover",
      "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mscarries", "mscarry",
      "msgroup", "msline", "mspace", "msqrt", "msrow", "mstack", "mstyle", "msub", "msubsup",
      "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics"};
  // clang-format on
  return names;
}

// feedparser's svg_elements (SVG Tiny, plus foreignObject, linearGradient, radialGradient and
// stop). foreignObject is an HTML integration point like desc and title: its children are
// HTML, judged by the HTML allow-list (sanitise.cpp, children_context).
const NameSet& svg_elements() {
  static const NameSet names{"a",
                             "animate",
                             "animateColor",
                             "animateMotion",
                             "animateTransform",
                             "circle",
                             "defs",
                             "desc",
                             "ellipse",
                             "font-face",
                             "font-face-name",
                             "font-face-src",
                             "foreignObject",
                             "g",
                             "glyph",
                             "hkern",
                             "line",
                             "linearGradient",
                             "marker",
                             "metadata",
                             "missing-glyph",
                             "mpath",
                             "path",
                             "polygon",
                             "polyline",
                             "radialGradient",
                             "rect",
                             "set",
                             "stop",
                             "svg",
                             "switch",
                             "text",
                             "title",
                             "tspan",
                             "use"};
  return names;
}

// feedparser's acceptable_attributes, plus srcset and sizes (responsive images; srcset is
// URL-checked candidate by candidate).
const NameSet& html_attributes() {
  // clang-format off
  static const NameSet names{
      "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete",
      "autofocus", "axis", "background", "balance", "bgcolor", "bgproperties", "border",
      "bordercolor", "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding",
      "cellspacing", "ch", "challenge", "char", "charoff", "charset", "checked", "choff", "cite",
      "class", "clear", "color", "cols", "colspan", "compact", "contenteditable", "controls",
      "coords", "data", "datafld", "datapagesize", "datasrc", "datetime", "default", "delay", "dir",
      "disabled", "draggable", "dynsrc", "enctype", "end", "face", "for", "form", "frame",
      "galleryimg", "gutter", "headers", "height", "hidden", "hidefocus", "high", "href",
      "hreflang", "hspace", "icon", "id", "inputmode", "ismap", "keytype", "label", "lang",
      "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend", "loopstart", "low",
      "lowsrc", "max", "maxlength", "media", "method", "min", "multiple", "name", "nohref",
      "noshade", "nowrap", "open", "optimum", "pattern", "ping", "point-size", "poster", "pqg",
      "preload", "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min", "replace",
      "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape",
      "size", "sizes", "span", "src", "srcset", "start", "step", "summary", "suppress", "tabindex",
      "target", "template", "title", "toppadding", "type", "unselectable", "urn", "usemap",
      "valign", "value", "variable", "volume", "vrml", "vspace", "width", "wrap", "xml:lang"};
  // clang-format on
  return names;
}

// feedparser's mathml_attributes, less the xmlns declarations (the serialiser writes them).
const NameSet& mathml_attributes() {
  // clang-format off
  static const NameSet names{
      "accent", "accentunder", "actiontype", "align", "alignmentscope", "altimg", "altimg-height",
      "altimg-valign", "altimg-width", "alttext", "bevelled", "charalign", "close", "columnalign",
      "columnlines", "columnspacing", "columnspan", "columnwidth", "crossout", "decimalpoint",
      "denomalign", "depth", "dir", "display", "displaystyle", "edge", "encoding", "equalcolumns",
      "equalrows", "fence", "fontstyle", "fontweight", "form", "frame", "framespacing",
      "groupalign", "height", "href", "id", "indentalign", "indentalignfirst", "indentalignlast",
      "indentshift", "indentshiftfirst", "indentshiftlast", "indenttarget", "infixlinebreakstyle",
      "largeop", "length", "linebreak", "linebreakmultchar", "linebreakstyle", "lineleading",
      "linethickness", "location", "longdivstyle", "lquote", "lspace", "mathbackground",
      "mathcolor", "mathsize", "mathvariant", "maxsize", "minlabelspacing", "minsize",
      "movablelimits", "notation", "numalign", "open", "other", "overflow", "position", "rowalign",
      "rowlines", "rowspacing", "rowspan", "rquote", "rspace", "scriptlevel", "scriptminsize",
      "scriptsizemultiplier", "selection", "separator", "separators", "shift", "side", "src",
      "stackalign", "stretchy", "subscriptshift", "superscriptshift", "symmetric", "voffset",
      "width", "xlink:href", "xlink:show", "xlink:type"};
  // clang-format on
  return names;
}

// feedparser's svg_attributes (SVG Tiny + class, opacity, offset), less xml:base (it would
// re-base URLs behind our back in an XHTML page) and the xmlns declarations.
const NameSet& svg_attributes() {
  // clang-format off
  static const NameSet names{
      "accent-height", "accumulate", "additive", "alphabetic", "arabic-form", "ascent",
      "attributeName", "attributeType", "baseProfile", "bbox", "begin", "by", "calcMode",
      "cap-height", "class", "color", "color-rendering", "content", "cx", "cy", "d", "descent",
      "display", "dur", "dx", "dy", "end", "fill", "fill-opacity", "fill-rule", "font-family",
      "font-size", "font-stretch", "font-style", "font-variant", "font-weight", "from", "fx", "fy",
      "g1", "g2", "glyph-name", "gradientUnits", "hanging", "height", "horiz-adv-x",
      "horiz-origin-x", "id", "ideographic", "k", "keyPoints", "keySplines", "keyTimes", "lang",
      "marker-end", "marker-mid", "marker-start", "markerHeight", "markerUnits", "markerWidth",
      "mathematical", "max", "min", "name", "offset", "opacity", "orient", "origin",
      "overline-position", "overline-thickness", "panose-1", "path", "pathLength", "points",
      "preserveAspectRatio", "r", "refX", "refY", "repeatCount", "repeatDur", "requiredExtensions",
      "requiredFeatures", "restart", "rotate", "rx", "ry", "slope", "stemh", "stemv", "stop-color",
      "stop-opacity", "strikethrough-position", "strikethrough-thickness", "stroke",
      "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
      "stroke-miterlimit", "stroke-opacity", "stroke-width", "systemLanguage", "target",
      "text-anchor", "to", "transform", "type", "u1", "u2", "underline-position",
      "underline-thickness", "unicode", "unicode-range", "units-per-em", "values", "version",
      "viewBox", "visibility", "width", "widths", "x", "x-height", "x1", "x2", "xlink:actuate",
      "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type",
      "xml:lang", "xml:space", "y", "y1", "y2", "zoomAndPan"};
  // clang-format on
  return names;
}

// Attributes holding one URL (HTML 4 and 5, legacy IE extensions, SVG and MathML links).
const NameSet& url_attributes() {
  static const NameSet names{"action", "background", "cite", "data",   "datasrc",
                             "dynsrc", "formaction", "href", "icon",   "longdesc",
                             "lowsrc", "poster",     "src",  "usemap", "xlink:href"};
  return names;
}

bool is_removed_from_url(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=';
}

// data:image/(png|gif|jpeg|webp);base64,<base64> — raster images cannot run script.
bool is_safe_data_image(std::string_view url) {
  static constexpr std::string_view k_types[] = {"png", "gif", "jpeg", "jpg", "webp"};
  std::string lower = util::to_lower(url.substr(0, std::min<std::size_t>(url.size(), 32)));
  std::string_view head = lower;
  if (!util::istarts_with(head, "data:image/")) {
    return false;
  }
  for (std::string_view type : k_types) {
    std::string prefix = "data:image/" + std::string(type) + ";base64,";
    if (util::istarts_with(head, prefix)) {
      std::string_view payload = url.substr(prefix.size());
      return std::all_of(payload.begin(), payload.end(), is_base64_char);
    }
  }
  return false;
}

}  // namespace

ElementAction element_action(Vocabulary vocabulary, std::string_view name) {
  if (name.empty()) {
    return ElementAction::unwrap;
  }
  if (dropped_elements().count(name) != 0) {
    return ElementAction::drop;
  }
  switch (vocabulary) {
    case Vocabulary::html:
      return html_elements().count(name) != 0 ? ElementAction::keep : ElementAction::unwrap;
    case Vocabulary::svg:
      return svg_elements().count(name) != 0 ? ElementAction::keep : ElementAction::unwrap;
    case Vocabulary::mathml:
      return mathml_elements().count(name) != 0 ? ElementAction::keep : ElementAction::unwrap;
  }
  return ElementAction::unwrap;
}

bool is_void_element(std::string_view name) {
  static const NameSet names{"area",  "base",  "basefont", "br",    "col",     "command", "embed",
                             "frame", "hr",    "img",      "input", "isindex", "keygen",  "link",
                             "meta",  "param", "source",   "track", "wbr"};
  return names.count(name) != 0;
}

bool is_allowed_attribute(Vocabulary vocabulary, std::string_view name) {
  if (util::istarts_with(name, "on") || name == "style") {
    return false;  // event handlers never; style only through the CSS policy
  }
  switch (vocabulary) {
    case Vocabulary::html:
      return html_attributes().count(name) != 0;
    case Vocabulary::svg:
      return svg_attributes().count(name) != 0;
    case Vocabulary::mathml:
      return mathml_attributes().count(name) != 0;
  }
  return false;
}

AttributeValue attribute_value_kind(std::string_view name) {
  if (url_attributes().count(name) != 0) {
    return AttributeValue::url;
  }
  if (name == "ping") {
    return AttributeValue::url_list;
  }
  if (name == "srcset") {
    return AttributeValue::srcset;
  }
  return AttributeValue::plain;
}

std::string safe_url(std::string_view value, std::string_view base_url, UrlContext context) {
  const std::string_view trimmed = util::trim(value);
  std::string cleaned;
  std::string compact;
  if (std::none_of(trimmed.begin(), trimmed.end(), is_removed_from_url)) {
    cleaned = trimmed;  // the usual URL: nothing to remove, one copy
    compact = cleaned;
  } else {
    cleaned.reserve(trimmed.size());
    for (char c : trimmed) {
      // Browsers strip tab and newlines anywhere in a URL; other controls never belong there.
      if (!is_removed_from_url(c) || c == ' ') {
        cleaned.push_back(c);
      }
    }
    for (char c : cleaned) {
      if (!is_removed_from_url(c)) {
        compact.push_back(c);
      }
    }
  }
  if (compact.empty()) {
    return "";  // not resolved: an emptied unsafe URL must stay empty when sanitised again
  }
  // The scheme as a browser reads it (util/url_policy.h: entities and escapes decoded).
  std::optional<std::string> scheme = util::effective_scheme(compact);
  if (scheme == "data") {
    return context == UrlContext::image_source && is_safe_data_image(compact) ? compact : "";
  }
  const util::UrlUse use =
      context == UrlContext::image_source ? util::UrlUse::resource : util::UrlUse::link;
  if (!scheme || (!scheme->empty() && !util::is_allowed_scheme(*scheme, use))) {
    return "";
  }
  std::string resolved = util::resolve_url(base_url, cleaned);
  // Judge the result too: a hostile xml:base ("javascript:x//") must not lend its scheme.
  std::optional<std::string> final_scheme = util::effective_scheme(resolved);
  if (!final_scheme || (!final_scheme->empty() && !util::is_allowed_scheme(*final_scheme, use))) {
    return "";
  }
  return resolved;
}

}  // namespace orrery::sanitise::detail
