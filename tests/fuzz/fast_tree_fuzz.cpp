// libFuzzer target for the sanitiser's fast path (sanitise/fast_tree.h): whenever FastTree
// builds a tree for an input, that tree must be the one gumbo builds for it, field for field
// (describe_tree). The input is bounded as the sanitiser bounds it first, so every input is one
// sanitise_html could hand to the fast path. Seeds: tests/data/sanitise and the real feeds.

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
  const Limits limits;
  const std::string input = detail::bounded_input(html, limits);
  detail::FastTree fast;
  if (!fast.build(input, limits.max_parse_depth)) {
    return 0;
  }
  const std::string built = detail::describe_tree(fast.root());
  const detail::FragmentTree gumbo(detail::FragmentTree::Bounded{}, input);
  const std::string expected = detail::describe_tree(gumbo.root());
  if (built != expected) {
    std::fprintf(stderr,
                 "fast_tree_fuzz: property violated: the fast path built another tree\n"
                 "--- input ---\n%s\n--- fast path ---\n%s--- gumbo ---\n%s",
                 input.c_str(), built.c_str(), expected.c_str());
    std::abort();
  }
  return 0;
}
