#include "sanitise/html_tags.h"

#include <array>
#include <cstddef>
#include <initializer_list>

namespace orrery::sanitise::detail {

namespace {

// A set of tags as a table indexed by the tag: one load per question (these are asked for
// every token the fast path and the reparse proof see).
using TagSet = std::array<bool, GUMBO_TAG_LAST + 1>;

constexpr TagSet tag_set(std::initializer_list<GumboTag> tags) {
  TagSet set{};
  for (GumboTag tag : tags) {
    set[static_cast<std::size_t>(tag)] = true;
  }
  return set;
}

bool in(const TagSet& set, GumboTag tag) {
  const auto index = static_cast<std::size_t>(tag);
  return index < set.size() && set[index];
}

}  // namespace

bool is_phrasing(GumboTag tag) {
  static constexpr TagSet k_tags = tag_set(
      {GUMBO_TAG_A,      GUMBO_TAG_ABBR,   GUMBO_TAG_ACRONYM, GUMBO_TAG_B,     GUMBO_TAG_BIG,
       GUMBO_TAG_BR,     GUMBO_TAG_CITE,   GUMBO_TAG_CODE,    GUMBO_TAG_DEL,   GUMBO_TAG_DFN,
       GUMBO_TAG_EM,     GUMBO_TAG_FONT,   GUMBO_TAG_I,       GUMBO_TAG_IMG,   GUMBO_TAG_INS,
       GUMBO_TAG_KBD,    GUMBO_TAG_Q,      GUMBO_TAG_S,       GUMBO_TAG_SAMP,  GUMBO_TAG_SMALL,
       GUMBO_TAG_SPAN,   GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG,  GUMBO_TAG_SUB,   GUMBO_TAG_SUP,
       GUMBO_TAG_TT,     GUMBO_TAG_U,      GUMBO_TAG_VAR,     GUMBO_TAG_WBR,   GUMBO_TAG_TIME,
       GUMBO_TAG_MARK,   GUMBO_TAG_DATA,   GUMBO_TAG_BDI,     GUMBO_TAG_BDO,   GUMBO_TAG_LABEL,
       GUMBO_TAG_CANVAS, GUMBO_TAG_VIDEO,  GUMBO_TAG_AUDIO,   GUMBO_TAG_METER, GUMBO_TAG_PROGRESS,
       GUMBO_TAG_OUTPUT});
  return in(k_tags, tag);
}

bool is_formatting(GumboTag tag) {
  static constexpr TagSet k_tags =
      tag_set({GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
               GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
               GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U});
  return in(k_tags, tag);
}

bool is_heading(GumboTag tag) {
  static constexpr TagSet k_tags =
      tag_set({GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6});
  return in(k_tags, tag);
}

bool closes_p(GumboTag tag) {
  static constexpr TagSet k_tags =
      tag_set({GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
               GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
               GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
               GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MAIN,
               GUMBO_TAG_MENU,    GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
               GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,  GUMBO_TAG_UL,         GUMBO_TAG_H1,
               GUMBO_TAG_H2,      GUMBO_TAG_H3,       GUMBO_TAG_H4,         GUMBO_TAG_H5,
               GUMBO_TAG_H6,      GUMBO_TAG_PRE,      GUMBO_TAG_LISTING,    GUMBO_TAG_LI,
               GUMBO_TAG_DD,      GUMBO_TAG_DT,       GUMBO_TAG_TABLE,      GUMBO_TAG_HR});
  return in(k_tags, tag);
}

bool is_table_section(GumboTag tag) {
  static constexpr TagSet k_tags =
      tag_set({GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT, GUMBO_TAG_TR});
  return in(k_tags, tag);
}

}  // namespace orrery::sanitise::detail
