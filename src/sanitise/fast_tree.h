#pragma once
// fast_tree: gumbo's tree for the common, well-formed part of feed HTML, built without gumbo.
// Internal to sanitise/.
//
// gumbo's tokenizer and tree builder are ~70% of the cost of sanitising (docs/performance.md),
// while most feed HTML is paragraphs, links, emphasis, lists, images and tables in which every
// element is closed by its own end tag. For such input the HTML5 tree builder does nothing but
// insert and pop, so the tree can be built directly from the tokens. Like Blink's fast path for
// innerHTML (HTMLDocumentParserFastPath), FastTree handles a strict subset of HTML and gives
// up at the first token outside it; the caller then parses with gumbo. Giving up only costs
// time, so every rule errs that way.
//
// The subset: start tags that reparse_check.h proves are plainly inserted where they stand
// (plus a few void elements and <script>/<style>, whose tokenizer rules are simple), end tags
// that close the current element, comments, text, and the character references it decodes
// exactly as gumbo does (numeric ones, and a table of named ones that end with ';'). Elements
// still open at the end of the input are closed, as the tree builder does. The input must be
// what gumbo would be given (bounded_input's output), except that the tags the nesting guard
// removes (iframe, object, form …) may still be there: they are skipped as the guard skips
// them. Input that gumbo's input stream would change (CR, controls, noncharacters:
// changes_on_input) is given up on.
//
// FastTree is a tree builder only: its tokens, and the character references in them, come
// from the one tokenizer (tokenizer.h: Tokenizer with attribute values decoded, read_reference),
// and it gives up on every tag the tokenizer flags as irregular.
//
// The nodes are gumbo's own structs with the fields sanitise reads filled in as gumbo fills
// them (type, tag, namespace, text and original text, attribute names, values and original
// values), so the walkers need not know which parser built the tree. tests/unit/sanitise/
// fast_tree_test.cpp and tests/fuzz/fast_tree_fuzz.cpp compare the two trees node by node.

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace orrery::sanitise::detail {

class FastTree {
 public:
  FastTree() = default;
  FastTree(const FastTree&) = delete;
  FastTree& operator=(const FastTree&) = delete;

  // What `html` is: `guarded` when it is exactly gumbo's input (bounded_input's result, or
  // text gumbo is given as it is); `unguarded` when it is clean input the nesting guard has not
  // seen, whose guard-removed tags (iframe, object, form …) the fast path then skips itself.
  // In guarded input such a tag is real (the guard can create one by joining text: "<<a>b>")
  // and the fast path gives up on it.
  enum class Input { guarded, unguarded };

  // Builds the tree of `html`; false (and the tree is unusable) when `html` is outside the
  // subset or nests deeper than `max_depth`. `html` must outlive the tree (original text
  // points into it).
  // `settled`: the caller has found is_settled_text(html), so it is not scanned again.
  bool build(std::string_view html, std::size_t max_depth, Input input = Input::guarded,
             bool settled = false);

  // The element whose children are the fragment's nodes, like gumbo's synthetic <html>.
  const GumboNode& root() const { return *m_root; }

  // After build() returned false: the offset of the token it gave up at (0 when it did not
  // start: a CR, control character or byte-order mark anywhere). For statistics and tests.
  std::size_t gave_up_at() const { return m_gave_up_at; }

  // After build() returned true: an upper bound on the depth the pre-parse nesting guard
  // (nesting_guard.h) estimates for the same input, which errs deep only where the tree builder
  // closes a heading opened right in another heading. Lets the caller skip the guard when the
  // bound is below its limit (see Fragment). The guard also counts formatting elements closed
  // by another element's tag, which the tree builder reopens.
  std::size_t guard_depth_bound() const { return m_deepest + m_heading_pops + m_formatting_pops; }

 private:
  friend class FastBuilder;

  // Raw storage for nodes, pointer arrays and strings, freed together with the tree (gumbo's
  // structs are plain C, nothing needs destroying). Blocks of 16 KiB, larger requests alone.
  void* allocate(std::size_t bytes);
  template <typename T>
  T* allocate_array(std::size_t n) {
    return static_cast<T*>(allocate(n * sizeof(T)));
  }
  GumboNode* new_node(GumboNodeType type);
  const char* keep(std::string_view text);  // a NUL-terminated copy

  std::vector<std::unique_ptr<std::byte[]>> m_blocks;
  std::size_t m_block_used = 0;
  std::size_t m_block_size = 0;
  GumboNode* m_root = nullptr;
  std::size_t m_gave_up_at = 0;
  std::size_t m_deepest = 0;          // the most elements open at once
  std::size_t m_heading_pops = 0;     // headings closed by a heading start tag
  std::size_t m_formatting_pops = 0;  // formatting elements closed by another's tag
};

// The named references (without '&' and ';') the fast path decodes (tokenizer.h's), for tests.
std::vector<std::string_view> fast_named_references();

// A dump of `root`'s subtree with every field sanitise reads, one node per line, for tests that
// compare FastTree with gumbo.
std::string describe_tree(const GumboNode& root);

}  // namespace orrery::sanitise::detail
