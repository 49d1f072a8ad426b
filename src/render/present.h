#pragma once
// present: sanitised entry HTML → HTML fit for a page of many posts. A pure pass over markup the
// sanitiser wrote (balanced, quoted attributes, no raw '<' in text), never over feed input:
// post headings demoted below the page's own, inline style attributes dropped (a post's
// font-size or colour never outshouts the page, and dark mode keeps its colours), images loaded
// lazily without a Referer, tables and pre blocks focusable (they scroll inside the column, and
// the keyboard must reach them), and long posts cut in two at an element boundary so a theme can
// fold the rest behind <details>. Venus's `content` stays as stored; themes opt in through
// content_lead / content_more (docs/theme.md).

#include <cstddef>
#include <string>
#include <string_view>

namespace orrery::render {

struct Presentation {
  // The level a post's <h1> is shown at (2..6); h2..h6 follow, none deeper than h6. 0 or 1:
  // headings as written.
  int top_heading = 0;
  // Text characters (bytes of text outside tags) after which the rest is folded; 0: never.
  std::size_t fold_after = 0;
};

struct PresentedContent {
  std::string lead;            // the whole content when not folded
  std::string more;            // "" when not folded; else balanced HTML that continues `lead`
  std::size_t text_bytes = 0;  // bytes of text in the whole content (a length for "N more words")
  std::size_t more_words = 0;  // words of text in `more`
};

// Rewrites `html` (sanitiser output) as described above. The cut happens only between two
// children of the fragment, or of a single element wrapping the whole fragment (the <div> of
// Atom XHTML content), at the first boundary after fold_after text bytes; content with no such
// boundary, or whose rest would hold less than a quarter of fold_after, is not folded.
PresentedContent present_content(std::string_view html, const Presentation& options);

// The first `max_words` words of the text of sanitised `html` (tags removed, the sanitiser's
// character references decoded, whitespace collapsed), with "…" when there were more; "" when
// the text is empty. For entries without a title.
std::string first_words(std::string_view html, std::size_t max_words);

}  // namespace orrery::render
