#pragma once
// reparse_check: proves, while the walker writes, that a parser reading the output back builds
// exactly the tree that was written, so that sanitise_html can skip its second pass (a gumbo
// parse, the dominant cost). Internal to sanitise/.
//
// The proof covers a deliberately small part of HTML: elements of the HTML vocabulary whose
// start and end tags the HTML5 "in body" insertion mode (WHATWG HTML §13.2.6.4.7) handles by
// plain insertion and popping when every element is closed by its own end tag, in order, as
// the serialiser writes them. A start tag is proven only where no rule of the tree builder
// moves it: no implied </p> (nothing but phrasing content inside an open <p>), no implied
// </li>, </dd>, </dt> or heading end, no <a> inside <a> (adoption agency), no formatting
// element inside one of its own kind (the "Noah's Ark" clause). Tables are covered in the form
// the tree builder leaves them (table > thead/tbody/tfoot > tr > td/th, only whitespace text
// between the parts); captions, column groups, forms, select, ruby, raw text and RCDATA, SVG
// and MathML are never proven: output holding them is sanitised again. <pre> is covered given
// the walker's rule for the newline right after its start tag.
// Every decision errs towards "not proven", which only costs time.

#include <gumbo.h>

#include <initializer_list>
#include <string_view>
#include <vector>

#include "sanitise/policy.h"

namespace orrery::sanitise::detail {

class ReparseCheck {
 public:
  // A start tag of `vocabulary` with gumbo tag `tag` is about to be written; unless `is_void`
  // (written as `<br />`, no end tag) the element is then open until end_tag().
  void start_tag(Vocabulary vocabulary, GumboTag tag, bool is_void);
  // Text is written inside the innermost open element.
  void text(std::string_view text);
  // The end tag of the innermost open element is written.
  void end_tag();
  // Something was written that the proof does not cover (CDATA text, an attribute value that
  // would change if sanitised again, …).
  void fail() { m_proven = false; }
  // True when re-parsing everything written so far gives the written tree.
  bool proven() const { return m_proven; }

 private:
  bool insertion_is_plain(GumboTag tag) const;
  bool is_open(GumboTag tag) const;
  // True when an open element of one of `closed` would be implicitly closed by the start tag
  // of an item (li, dd, dt): searched from the innermost element out to the nearest list.
  bool closes_open_item(std::initializer_list<GumboTag> closed) const;

  std::vector<GumboTag> m_open;  // the written elements still open, innermost last
  bool m_proven = true;
};

}  // namespace orrery::sanitise::detail
