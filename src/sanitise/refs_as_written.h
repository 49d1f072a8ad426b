#pragma once
// Character references as the source wrote them. feedparser's serialiser writes a numeric
// reference back as written (lower-cased, `&#X26;` → `&#x26;`), and one naming a windows-1252
// code point in 0x80–0x9F as the character it meant (`&#146;` → `&#x2019;`); a named one it
// knows (Python's html.entities.name2codepoint, and `apos`) as `&name;`, where a plain
// re-serialisation of the parsed text would write the character itself. Matching it keeps
// `&#38;` distinct from `&amp;` and `&eacute;` as written for readers that compare values.
// Internal to sanitise/.

#include <optional>
#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

enum class RefContext { text, attribute };

// `decoded` serialised with the references of `original` (its source text) as feedparser
// writes them: numeric ones as above; a name feedparser knows as `&name;` (in text also when
// the source has no `;` before a non-name character); an unknown name in text as `&amp;name`
// (feedparser drops its `;`), in an attribute value (`&name;`) as written; literal characters
// as the plain serialiser writes them (`&` `<` `>` escaped, and `"` in attributes). No
// reference written opens markup (`&lt;` stays `&lt;`). Returns nullopt when `original` does
// not decode to exactly `decoded` by these rules (a name the HTML parser reads otherwise,
// `&notin ` read as `&not` + "in ", a numeric reference without `;` or one the parser
// replaced): the caller then serialises `decoded` plainly.
std::optional<std::string> refs_as_written(std::string_view decoded, std::string_view original,
                                           RefContext context);

}  // namespace orrery::sanitise::detail
