// libFuzzer target for the sanitiser's fast path (sanitise/fast_tree.h): whenever a Fragment
// is built by the fast path, its tree must be the one gumbo builds for the same input after
// the same bounding (FragmentTree), field for field (describe_tree). This covers the decision
// to skip the nesting guard as well as the tree itself. Seeds: tests/data/sanitise and the
// real feeds.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sanitise/fast_tree.h"
#include "sanitise/gumbo_tree.h"
#include "sanitise/sanitise.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace orrery::sanitise;
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  // Small limits, so that short inputs reach the nesting guard's limit too.
  Limits limits;
  limits.max_parse_depth = 24;
  const detail::Fragment fragment(html, limits);
  if (!fragment.built_by_fast_path()) {
    return 0;
  }
  const std::string built = detail::describe_tree(fragment.root());
  const detail::FragmentTree gumbo(html, limits);
  const std::string expected = detail::describe_tree(gumbo.root());
  if (built != expected) {
    std::fprintf(stderr,
                 "fast_tree_fuzz: property violated: the fast path built another tree\n"
                 "--- input ---\n%.*s\n--- fast path ---\n%s--- gumbo ---\n%s",
                 static_cast<int>(html.size()), html.data(), built.c_str(), expected.c_str());
    std::abort();
  }
  return 0;
}
