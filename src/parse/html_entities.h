#pragma once
// Internal: the named character references of HTML 4, which feeds use in XML where only the
// five XML ones are defined (`&nbsp;`, `&rsquo;`).

#include <cstdint>
#include <optional>
#include <string_view>

namespace orrery::parse {

// The code point of the HTML entity `name` (case-sensitive, without & and ;), or nullopt.
std::optional<std::uint32_t> html_entity(std::string_view name);

}  // namespace orrery::parse
