#pragma once
// Character references as the source wrote them. feedparser's serialiser writes a numeric
// reference back as written (lower-cased, `&#X26;` → `&#x26;`), and one naming a windows-1252
// code point in 0x80–0x9F as the character it meant (`&#146;` → `&#x2019;`), where a plain
// re-serialisation of the parsed text would write the character itself. Matching it keeps
// `&#38;` distinct from `&amp;` for readers that compare values. Internal to sanitise/.

#include <optional>
#include <string>
#include <string_view>

namespace orrery::sanitise::detail {

enum class RefContext { text, attribute };

// `decoded` serialised with the numeric references of `original` (its source text) kept:
// literal characters and the named references amp, lt, gt, quot, apos and nbsp come out as the
// plain serialiser writes them (`&` `<` `>` escaped, and `"` in attributes). Returns nullopt
// when `original` does not decode to exactly `decoded` with these rules (another named
// reference, a reference without `;`, one the HTML parser replaced): the caller then
// serialises `decoded` plainly. Either way the output decodes to `decoded`.
std::optional<std::string> refs_as_written(std::string_view decoded, std::string_view original,
                                           RefContext context);

}  // namespace orrery::sanitise::detail
