#include "parse/encoding.h"

#include <gtest/gtest.h>

#include <string>

#include "helpers.h"

namespace orrery::parse {
namespace {

using namespace std::string_literals;
using test::parse_text;

TEST(Encoding, Utf8WithoutDeclarationIsUtf8) {
  Decoded d = decode_document("<rss>\xc3\xa9</rss>", "", "");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.text, "<rss>\xc3\xa9</rss>");
  EXPECT_TRUE(d.bozo_exception.empty());
}

TEST(Encoding, XmlDeclarationNamesTheEncoding) {
  Decoded d = decode_document("<?xml version='1.0' encoding='ISO-8859-1'?><rss>\xe9</rss>", "", "");
  EXPECT_EQ(d.encoding, "iso-8859-1");
  EXPECT_NE(d.text.find("\xc3\xa9"), std::string::npos);
}

TEST(Encoding, Utf16LittleEndianBomIsDetected) {
  std::string doc = "\xff\xfe"s;
  for (char c : std::string("<rss/>")) {
    doc += c;
    doc += '\0';
  }
  Decoded d = decode_document(doc, "", "");
  EXPECT_EQ(d.encoding, "utf-16le");
  EXPECT_EQ(d.text, "<rss/>");
}

TEST(Encoding, HttpCharsetOverridesTheDeclarationForApplicationXml) {
  Decoded d = decode_document("<?xml version='1.0' encoding='utf-8'?><rss>\xe9</rss>",
                              "application/xml; charset=iso-8859-1", "");
  EXPECT_EQ(d.encoding, "iso-8859-1");
}

TEST(Encoding, TextXmlWithoutCharsetIsUsAsciiAndFallsBackWithOverride) {
  Decoded d = decode_document("<rss>\xc3\xa9</rss>", "text/xml", "");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.bozo_exception.rfind("CharacterEncodingOverride", 0), 0u);
}

TEST(Encoding, WrongDeclarationIsOverriddenAndFlagged) {
  model::ParsedFeed f = parse_text(
      "<?xml version='1.0' encoding='us-ascii'?><rss><channel><title>\xc3\xa9</title>"
      "</channel></rss>");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.encoding, "utf-8");
  EXPECT_EQ(f.feed.title->value, "\xc3\xa9");
}

TEST(Encoding, Gb2312IsReadAsGb18030) {
  Decoded d = decode_document("<?xml version='1.0' encoding='gb2312'?><rss/>", "", "");
  EXPECT_EQ(d.encoding, "gb18030");
}

TEST(Encoding, NonXmlMediaTypeIsFlagged) {
  Decoded d = decode_document("<rss/>", "text/plain", "");
  EXPECT_EQ(d.bozo_exception.rfind("NonXMLContentType", 0), 0u);
}

TEST(Encoding, ForcedEncodingWins) {
  Decoded d =
      decode_document("<?xml version='1.0' encoding='utf-8'?><rss>\xe9</rss>", "", "windows-1252");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_TRUE(d.bozo_exception.empty());
}

TEST(Encoding, NulCharactersAreRemoved) {
  Decoded d = decode_document("<rss>a\0b</rss>"s, "", "");
  EXPECT_EQ(d.text, "<rss>ab</rss>");
}

TEST(Encoding, NulOrInvalidUtf8AfterLongCleanRunsIsRepaired) {
  const std::string run(40, 'a');  // past the first scanned blocks
  EXPECT_EQ(decode_document("<rss>" + run + "\0" + run + "</rss>"s, "", "").text,
            "<rss>" + run + run + "</rss>");
  Decoded invalid = decode_document("<rss>" + run + "\xc3\xa9\xff" + run + "</rss>", "", "");
  EXPECT_EQ(invalid.encoding, "windows-1252");  // not UTF-8: the next candidate reads it
  Decoded ascii = decode_document("<rss>" + run + "\0" + run + "</rss>"s, "text/xml", "");
  EXPECT_EQ(ascii.encoding, "us-ascii");
  EXPECT_EQ(ascii.text, "<rss>" + run + run + "</rss>");
}

TEST(Encoding, JsonIsRecognisedByItsFirstByte) {
  EXPECT_TRUE(decode_document("  {\"version\": 1}", "", "").json);
  EXPECT_FALSE(decode_document("<rss/>", "", "").json);
}

TEST(Encoding, DeclaredEncodingIsReadFromTheXmlDeclaration) {
  EXPECT_EQ(declared_xml_encoding("<?xml version=\"1.0\" encoding = \"KOI8-R\" ?>"), "koi8-r");
  EXPECT_EQ(declared_xml_encoding("<rss encoding='x'>"), "");
}

// Labels are read as Python's codecs read them (feedparser decodes with those): punctuation and
// case do not matter, and Python's aliases name the codecs glibc spells otherwise.
TEST(Encoding, LabelsAreReadAsPythonReadsThem) {
  struct Case {
    const char* label;
    const char* byte;
    const char* utf8;
  };
  const Case cases[] = {
      {"ISO_8859-1:1987", "\xe9", "\xc3\xa9"}, {"latin_1", "\xe9", "\xc3\xa9"},
      {"l9", "\xa4", "\xe2\x82\xac"},          {"iso8859_15", "\xa4", "\xe2\x82\xac"},
      {"iso_8859_2_1987", "\xa1", "\xc4\x84"}, {"ibm850", "\x80", "\xc3\x87"},
      {"csibm861", "\x80", "\xc3\x87"},        {"cp866u", "\x80", "\xd0\x90"},
      {"ptcp154", "\x80", "\xd2\x96"},         {"cyrillic-asian", "\x80", "\xd2\x96"},
      {"mac_latin2", "\x80", "\xc3\x84"},      {"macturkish", "\xda", "\xc4\x9e"},
      {"mac_iceland", "\xa0", "\xc3\x9d"},     {"maccyrillic", "\xff", "\xe2\x82\xac"},
      {"macintosh", "\xc6", "\xe2\x88\x86"},   {"thai", "\xa1", "\xe0\xb8\x81"},
      {"tis_620", "\xa1", "\xe0\xb8\x81"},     {"elot_928", "\xe1", "\xce\xb1"},
      {"ms932", "\x80", "\xc2\x80"},           {"ms_kanji", "\xa0", "\xef\xa3\xb0"},
      {"s_jis", "\x82\xa0", "\xe3\x81\x82"},   {"hp_roman8", "\xa1", "\xc3\x80"},
  };
  for (const Case& c : cases) {
    const std::string doc =
        "<?xml version='1.0' encoding='"s + c.label + "'?><rss>" + c.byte + "</rss>";
    Decoded d = decode_document(doc, "", "");
    EXPECT_EQ(d.text.substr(d.text.find("<rss>")), "<rss>"s + c.utf8 + "</rss>") << c.label;
    EXPECT_TRUE(d.bozo_exception.empty()) << c.label << ": " << d.bozo_exception;
  }
}

}  // namespace
}  // namespace orrery::parse
