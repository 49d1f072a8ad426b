#pragma once
// The sanitiser's defining property, checked by the unit test (tests/unit/sanitise/
// property_test.cpp) and the fuzz target (tests/fuzz/sanitise_fuzz.cpp) with this one code:
// the output is valid UTF-8; re-parsed as a browser parses it, it holds only elements and
// attributes the policy allows (no <script>, no on* handler), only URLs with an allowed scheme
// (read as a browser reads them), only valid CSS, only inert comments, nothing nested deeper
// than the limit; and sanitising it again returns it unchanged. Needs orrery::sanitise and
// gumbo (no gtest: the fuzz target links it too).

#include <string>
#include <string_view>
#include <vector>

namespace orrery::test {

struct SanitiseCheck {
  std::string output;                 // sanitise_html(input, base_url)
  std::vector<std::string> problems;  // each way it breaks the property, one line each
};

SanitiseCheck check_sanitise_property(std::string_view input, std::string_view base_url);

}  // namespace orrery::test
