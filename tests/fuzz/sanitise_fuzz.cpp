// libFuzzer target for sanitise::sanitise_html and html_to_text. Beyond not crashing, hanging
// or leaking (ASan, UBSan), it checks the sanitiser's property (docs/architecture.md) with the
// code the unit test uses (tests/support/sanitise_property.h): the output is valid UTF-8, and
// parsing it again as the sanitiser does finds only allowed elements and attributes, no on*
// handler, no URL with a scheme the policy refuses and no comment that is not inert, and
// sanitising the output again returns it unchanged. Seeds: tests/data/sanitise and
// the feeds of /work/shared/bench/real (tests/fuzz/run.sh).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sanitise/sanitise.h"
#include "support/sanitise_property.h"
#include "util/utf8.h"

namespace {

constexpr std::string_view k_base = "http://127.0.0.1/blog/post/";

[[noreturn]] void fail(std::string_view what, std::string_view output) {
  std::fprintf(stderr, "sanitise_fuzz: property violated: %.*s\n--- output ---\n%.*s\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(output.size()),
               output.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  const orrery::test::SanitiseCheck check = orrery::test::check_sanitise_property(html, k_base);
  if (!check.problems.empty()) {
    fail(check.problems.front(), check.output);
  }

  const std::string text = orrery::sanitise::html_to_text(html);
  if (!orrery::util::is_valid_utf8(text)) {
    fail("html_to_text output is not valid UTF-8", text);
  }
  return 0;
}
