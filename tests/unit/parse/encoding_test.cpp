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

}  // namespace
}  // namespace orrery::parse
