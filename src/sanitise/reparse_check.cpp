#include "sanitise/reparse_check.h"

#include <algorithm>

#include "sanitise/html_tags.h"

namespace orrery::sanitise::detail {

namespace {

// Block elements whose start tag, in the "in body" mode, at most closes an open <p> (and, for
// the ones with their own rule, an open list item or heading, checked separately). The
// obsolete <listing> is left out of the proof.
bool is_block(GumboTag tag) { return closes_p(tag) && tag != GUMBO_TAG_LISTING; }

// Table parts whose start tags, anywhere but right in their parent, are ignored, imply a
// parent or close the open cell.
bool is_table_part(GumboTag tag) {
  return one_of(tag, {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD,
                      GUMBO_TAG_TH, GUMBO_TAG_CAPTION, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP});
}

// Whether `tag` right inside table section `section` is inserted as it is (tbody in table, tr
// in tbody, td in tr; no implied tbody or tr, no caption or colgroup).
bool fits_table_section(GumboTag section, GumboTag tag) {
  if (section == GUMBO_TAG_TABLE) {
    return one_of(tag, {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT});
  }
  if (section == GUMBO_TAG_TR) {
    return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
  }
  return tag == GUMBO_TAG_TR;
}

bool is_html_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

}  // namespace

void ReparseCheck::start_tag(Vocabulary vocabulary, GumboTag tag, bool is_void) {
  if (m_proven && (vocabulary != Vocabulary::html || !insertion_is_plain(tag))) {
    m_proven = false;
  }
  if (!is_void) {
    m_open.push_back(tag);
  }
}

void ReparseCheck::text(std::string_view text) {
  if (m_proven && !m_open.empty() && is_table_section(m_open.back()) &&
      !std::all_of(text.begin(), text.end(), is_html_whitespace)) {
    m_proven = false;  // would be foster-parented out of the table
  }
}

void ReparseCheck::end_tag() {
  if (!m_open.empty()) {
    m_open.pop_back();
  }
}

bool ReparseCheck::insertion_is_plain(GumboTag tag) const {
  if (!m_open.empty() && is_table_section(m_open.back())) {
    return fits_table_section(m_open.back(), tag);
  }
  if (is_table_part(tag)) {
    return false;
  }
  if (is_phrasing(tag)) {
    return !(is_formatting(tag) && is_open(tag));  // <a> in <a>, <b> in <b>: not proven
  }
  if (!is_block(tag) || is_open(GUMBO_TAG_P)) {
    return false;  // unknown to the proof, or would close the open <p>
  }
  if (tag == GUMBO_TAG_LI) {
    return !closes_open_item({GUMBO_TAG_LI});
  }
  if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
    return !closes_open_item({GUMBO_TAG_DD, GUMBO_TAG_DT});
  }
  if (is_heading(tag)) {
    return m_open.empty() || !is_heading(m_open.back());  // <h2> right in <h1> closes it
  }
  return true;
}

bool ReparseCheck::is_open(GumboTag tag) const {
  return std::find(m_open.begin(), m_open.end(), tag) != m_open.end();
}

// The tree builder searches from the current node outwards and stops at "special" elements
// other than address, div and p; only lists are taken as stops here (a subset of the special
// elements, so the search goes at least as far as the tree builder's).
bool ReparseCheck::closes_open_item(std::initializer_list<GumboTag> closed) const {
  for (auto it = m_open.rbegin(); it != m_open.rend(); ++it) {
    if (one_of(*it, closed)) {
      return true;
    }
    if (one_of(*it, {GUMBO_TAG_UL, GUMBO_TAG_OL, GUMBO_TAG_DL})) {
      return false;
    }
  }
  return false;
}

}  // namespace orrery::sanitise::detail
