#pragma once
// gumbo_tree: the one place sanitise/ owns gumbo memory. Internal to the module (gumbo.h never
// reaches another module's headers).

#include <gumbo.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sanitise/fast_tree.h"
#include "sanitise/sanitise.h"
#include "sanitise/source_rules.h"

namespace orrery::sanitise::detail {

// Frees a parse with the options it was made with. Gumbo 0.10.1 (Debian) frees recursively, one
// C stack frame per level, so the deleter first flattens the tree (see gumbo_tree.cpp).
struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const;
};

using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

// A parsed fragment and the buffer gumbo's string pieces point into (hence not movable).
class FragmentTree {
 public:
  // Parses `html` as an HTML5 fragment in a <div> context, after bounding it: cut to
  // limits.max_input_bytes at a character boundary, ill-formed UTF-8 repaired and NUL removed,
  // "<![CDATA[" made text and feedparser's source rewrites applied (source_rules.h), as
  // feedparser does, nesting limited to limits.max_parse_depth.
  // Keeps its own copy, so `html` need not outlive the tree. Never fails on any input (gumbo
  // recovers from everything); allocation failure is std::bad_alloc.
  FragmentTree(std::string_view html, const Limits& limits);
  // Parses `bounded`, which is bounded_input's result already.
  struct Bounded {};
  FragmentTree(Bounded, std::string bounded);
  FragmentTree(const FragmentTree&) = delete;
  FragmentTree& operator=(const FragmentTree&) = delete;

  // The element whose children are the fragment's nodes (gumbo's synthetic <html>).
  const GumboNode& root() const { return *m_output->root; }

 private:
  std::string m_text;
  GumboOutputPtr m_output;
};

// The tree gumbo builds for a fragment: FastTree's when the bounded input is in its subset
// (fast_tree.h), else gumbo's (FragmentTree). The one entry point sanitise_html and
// html_to_text parse through.
class Fragment {
 public:
  Fragment(std::string_view html, const Limits& limits);
  // `scan` is scan_source(html), when the caller has it already.
  Fragment(std::string_view html, const Limits& limits, const SourceScan& scan);
  Fragment(const Fragment&) = delete;
  Fragment& operator=(const Fragment&) = delete;

  const GumboNode& root() const { return m_fast_built ? m_fast.root() : m_gumbo->root(); }
  bool built_by_fast_path() const { return m_fast_built; }

 private:
  std::string m_bounded;  // bounded_input(html) when it differs from html
  FastTree m_fast;
  bool m_fast_built = false;
  std::optional<FragmentTree> m_gumbo;
};

// True when bounded_input(html, limits) == html, decided by cheap scans: within the size
// bound, clean UTF-8 without NUL, no CDATA marker, nothing for source_rules.h to rewrite, and
// is_within_nesting_limit.
bool is_bounded(std::string_view html, const Limits& limits);

// What FragmentTree hands gumbo for `html`: cut to limits.max_input_bytes at a character
// boundary, ill-formed UTF-8 repaired, NUL removed, "<![CDATA[" made text, source_rules.h's
// rewrites applied, nesting limited.
std::string bounded_input(std::string_view html, const Limits& limits);

// The options every parse uses: fragment context <div> in the HTML namespace, no error list.
const GumboOptions& fragment_options();

// The element's tag name as the serialiser writes it: lower case for HTML and MathML, SVG's
// camel case ("linearGradient"); "" when gumbo kept no name (unknown tag with no source text).
std::string element_name(const GumboElement& element);

}  // namespace orrery::sanitise::detail
