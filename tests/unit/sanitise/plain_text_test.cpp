// The plain-text shortcut of sanitise_html and html_to_text gives what gumbo gives. The parsed
// result is reached by putting a dropped, empty <script></script> first, which makes the input
// markup without changing its text.

#include "sanitise/plain_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sanitise/sanitise.h"
#include "util/utf8.h"
#include "util/utf8_scan.h"

namespace orrery::sanitise {
namespace {

constexpr std::string_view k_base = "http://example.org/";
constexpr std::string_view k_no_text = "<script></script>";

std::string parsed_sanitised(const std::string& text) {
  return sanitise_html(std::string(k_no_text) + text, k_base);
}

std::string parsed_text(const std::string& text) {
  return html_to_text(std::string(k_no_text) + text);
}

void expect_same_as_parsed(const std::string& text, const std::string& label) {
  ASSERT_TRUE(detail::is_plain_text(text)) << label;
  EXPECT_EQ(sanitise_html(text, k_base), parsed_sanitised(text)) << label;
  EXPECT_EQ(html_to_text(text), parsed_text(text)) << label;
}

// The first code point in [from, to] whose shortcut result differs from the parsed one, or 0.
std::uint32_t first_difference(std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t cp = from; cp <= to; ++cp) {
    std::string text = "x";
    util::append_utf8(text, cp);
    if (detail::is_plain_text(text) && (sanitise_html(text, k_base) != parsed_sanitised(text) ||
                                        html_to_text(text) != parsed_text(text))) {
      return cp;
    }
  }
  return 0;
}

TEST(PlainText, MarkupEntitiesAndByteOrderMarksAreNotPlainText) {
  EXPECT_FALSE(detail::is_plain_text("a <b"));
  EXPECT_FALSE(detail::is_plain_text("AT&amp;T"));
  EXPECT_FALSE(detail::is_plain_text("\xEF\xBB\xBFtitle"));
  EXPECT_TRUE(detail::is_plain_text("Caf\xC3\xA9 > tea"));
}

TEST(PlainText, LineBreaksWhitespaceAndGreaterThanComeOutAsParsed) {
  expect_same_as_parsed("  one\r\ntwo\rthree\n\r\n > four\t\f ", "line breaks");
  expect_same_as_parsed("\r", "lone CR");
  expect_same_as_parsed("", "empty");
}

TEST(PlainText, IllFormedUtf8AndNulComeOutAsParsed) {
  expect_same_as_parsed(std::string("a\0b \xFF\xFE c\xE2\x82", 10), "bad bytes");
}

TEST(PlainText, EveryCodePointComesOutAsParsed) {
  std::string chunk;
  std::uint32_t chunk_start = 1;
  for (std::uint32_t cp = 1; cp <= 0x10FFFF; ++cp) {
    if (cp == '<' || cp == '&' || cp == 0xFEFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      continue;
    }
    util::append_utf8(chunk, cp);
    chunk += ' ';
    if (chunk.size() < 6000 && cp != 0x10FFFF) {
      continue;
    }
    if (sanitise_html(chunk, k_base) != parsed_sanitised(chunk) ||
        html_to_text(chunk) != parsed_text(chunk)) {
      FAIL() << "differs at code point " << first_difference(chunk_start, cp);
    }
    chunk.clear();
    chunk_start = cp + 1;
  }
}

TEST(PlainText, ChangesOnInputExactlyForCrAndWhatGumboReplaces) {
  const auto replaced = [](std::uint32_t cp) {  // gumbo 0.10.1 utf8.c, plus CR
    return cp == '\r' || (cp >= 0x1 && cp <= 0x8) || cp == 0xB || (cp >= 0xE && cp <= 0x1F) ||
           (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  };
  for (std::uint32_t cp = 1; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    std::string text = "abcdefgh";  // a whole word before, so both paths of the scan run
    util::append_utf8(text, cp);
    text += "ijklmnop";
    ASSERT_EQ(detail::changes_on_input(text), replaced(cp)) << "U+" << std::hex << cp;
  }
  // The scan reads eight bytes at a time: at every offset in a word, with a non-ASCII
  // neighbour so that the word's other tests run too, a sequence may start or straddle two
  // words.
  for (std::uint32_t cp = 1; cp <= 0x10FFFF; ++cp) {
    const bool interesting =
        cp < 0x3000 || (cp >= 0xFD00 && cp <= 0xFFFF) || (cp & 0xFFFF) >= 0xFFFC || cp % 1009 == 0;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || !interesting) {
      continue;
    }
    for (std::size_t offset = 0; offset < 8; ++offset) {
      std::string text = std::string(offset, 'a') + "\xc3\xa9";  // é
      util::append_utf8(text, cp);
      text += "ijklmnopqrstuvwx";
      ASSERT_EQ(detail::changes_on_input(text), replaced(cp))
          << "U+" << std::hex << cp << " at offset " << offset;
    }
  }
}

TEST(PlainText, InputBeyondTheByteLimitIsCutAsParsed) {
  Limits limits;
  limits.max_input_bytes = 3;
  const std::string text = "ab\xC3\xA9z tail";  // the limit falls inside U+00E9
  EXPECT_EQ(sanitise_html(text, k_base, limits), "ab");
  EXPECT_EQ(html_to_text(text, limits), "ab");
}

// is_settled_text is the two scans in one: the same answer on every code point at every offset
// in a word, and on random bytes (invalid UTF-8, NUL, controls, stray continuation bytes).
TEST(PlainText, SettledTextIsCleanUtf8UnchangedOnInput) {
  const auto both = [](std::string_view text) {
    return util::is_clean_utf8(text) && !detail::changes_on_input(text);
  };
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 || cp >= 0xFD00) ? 1 : 7) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    for (std::size_t offset : {std::size_t{0}, std::size_t{5}, std::size_t{7}, std::size_t{8}}) {
      std::string text = std::string(offset, 'a');
      util::append_utf8(text, cp);
      text += "ijklmnopqrstuvwx";
      ASSERT_EQ(detail::is_settled_text(text), both(text))
          << "U+" << std::hex << cp << " at offset " << offset;
    }
  }
  std::mt19937 random(20261201);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 40);
  for (int n = 0; n < 200000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k) {
      const int b = byte(random);
      text += static_cast<char>(b < 128 && n % 2 == 0 ? 'a' + b % 26 : b);
    }
    ASSERT_EQ(detail::is_settled_text(text), both(text)) << n;
  }
}

}  // namespace
}  // namespace orrery::sanitise
