#include "parse/encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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
  // Not UTF-8: the detector's guess (or windows-1252 after it) reads it.
  EXPECT_NE(invalid.encoding, "utf-8");
  EXPECT_FALSE(invalid.encoding.empty());
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
      {"ms932", "\x80", "\xe2\x82\xac"},       {"ms_kanji", "\xa0", "\xef\xa3\xb0"},
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

// Documents that declare no encoding, in the legacy encodings of five scripts: no BOM, no
// declaration, no HTTP charset. The detector names what the bytes are; reading them as the
// UTF-8 default failed, so the override is reported (as feedparser reports it).
TEST(Encoding, UndeclaredLegacyEncodingsAreDetected) {
  struct Case {
    const char* file;
    std::vector<std::string> encodings;  // what the detector may call it
    const char* title;
  };
  const Case cases[] = {
      {"undeclared-euc-jp.xml", {"euc-jp"}, "\u6c17\u8c61\u60c5\u5831"},
      {"undeclared-euc-kr.xml", {"euc-kr", "uhc", "cp949"}, "\ub0a0\uc528 \uc18c\uc2dd"},
      {"undeclared-gb2312.xml", {"gb18030", "gb2312", "gbk"}, "\u5929\u6c14\u6d88\u606f"},
      {"undeclared-koi8-r.xml",
       {"koi8-r"},
       "\u041f\u0440\u043e\u0433\u043d\u043e\u0437 \u043f\u043e\u0433\u043e\u0434\u044b"},
      {"undeclared-windows-1255.xml",
       {"windows-1255"},
       "\u05ea\u05d7\u05d6\u05d9\u05ea \u05de\u05d6\u05d2 \u05d4\u05d0\u05d5\u05d5\u05d9\u05e8"},
  };
  for (const Case& c : cases) {
    model::ParsedFeed f = test::parse_fixture(std::string("charset/") + c.file);
    EXPECT_NE(std::find(c.encodings.begin(), c.encodings.end(), f.encoding), c.encodings.end())
        << c.file << ": " << f.encoding;
    ASSERT_TRUE(f.feed.title) << c.file;
    EXPECT_EQ(f.feed.title->value, c.title) << c.file;
    EXPECT_EQ(f.entries.size(), 1u) << c.file;
    EXPECT_TRUE(f.bozo) << c.file;
    EXPECT_EQ(f.bozo_exception.rfind("CharacterEncodingOverride", 0), 0u) << c.file;
  }
}

// An undeclared Western document the detector reads as Latin-1 is named windows-1252, its
// superset, as feedparser's fallback and the WHATWG Encoding Standard name it; the text is the
// same either way.
TEST(Encoding, UndeclaredLatin1IsNamedWindows1252) {
  model::ParsedFeed f = parse_text(
      "<rss version='2.0'><channel><title>D\xe9j\xe0 vu \xe0 l'\xe9t\xe9, "
      "\xe7"
      "a co\xfb"
      "te tr\xe8s cher \xe0 No\xeb"
      "l</title></channel></rss>");
  EXPECT_EQ(f.encoding, "windows-1252");
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value,
            "D\xc3\xa9j\xc3\xa0 vu \xc3\xa0 l'\xc3\xa9t\xc3\xa9, \xc3\xa7"
            "a co\xc3\xbbte tr\xc3\xa8s cher \xc3\xa0 No\xc3\xabl");
  EXPECT_TRUE(f.bozo);  // not UTF-8, as an undeclared XML document presumes
}

// windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined. Python's codec refuses them,
// so feedparser abandons the declaration and reads the whole document as ISO-8859-2 (every
// `è` becomes `č`); orrery reads the label as the WHATWG Encoding Standard (and so a browser)
// does: the undefined byte is the control character of the same number, the rest is
// windows-1252, and the declaration stands (docs/conformance.md, bozo_linenoise).
TEST(Encoding, Windows1252UndefinedBytesKeepTheDeclaration) {
  model::ParsedFeed f = parse_text(
      "<?xml version='1.0' encoding='windows-1252'?><rss version='2.0'><channel>"
      "<title>Caf\xe9 \x93q\x94 \x9d \xe8</title></channel></rss>");
  EXPECT_EQ(f.encoding, "windows-1252");
  EXPECT_FALSE(f.bozo) << f.bozo_exception;
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value, "Caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d \xc2\x9d \xc3\xa8");
}

// One stray windows-1252 byte in a document that says UTF-8 is too little for a detector to
// judge: the usual liar's encoding reads it.
TEST(Encoding, AStrayWindows1252ByteIsNotGuessedAt) {
  Decoded d = decode_document(
      "<?xml version='1.0' encoding='utf-8'?><rss><title>It\x92s a lovely day in the park and "
      "we went for a walk</title></rss>",
      "", "");
  EXPECT_EQ(d.encoding, "windows-1252");
  EXPECT_NE(d.text.find("It\xe2\x80\x99s"), std::string::npos);
  EXPECT_EQ(d.bozo_exception.rfind("CharacterEncodingOverride", 0), 0u);
}

TEST(Encoding, PlainAsciiNeedsNoDetection) {
  Decoded d = decode_document("<rss><channel><title>plain</title></channel></rss>", "", "");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_TRUE(d.bozo_exception.empty());
}

// A prolog that says ISO-8859-1 over a UTF-8 body: what the bytes are wins.
TEST(Encoding, Latin1DeclarationOverUtf8BytesIsOverridden) {
  model::ParsedFeed f = parse_text(
      "<?xml version='1.0' encoding='ISO-8859-1'?><rss version='2.0'><channel>"
      "<title>Caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve</title></channel></rss>");
  EXPECT_EQ(f.encoding, "utf-8");
  ASSERT_TRUE(f.feed.title);
  EXPECT_EQ(f.feed.title->value, "Caf\xc3\xa9 \xe2\x80\x94 na\xc3\xafve");
  EXPECT_TRUE(f.bozo);
  EXPECT_EQ(f.bozo_exception.rfind("CharacterEncodingOverride", 0), 0u) << f.bozo_exception;
}

TEST(Encoding, HttpCharsetTheBytesContradictIsOverridden) {
  Decoded d = decode_document("<rss><title>\xd0\x9c\xd0\xb8\xd1\x80</title></rss>",
                              "application/rss+xml; charset=windows-1251", "");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_NE(d.text.find("\xd0\x9c\xd0\xb8\xd1\x80"), std::string::npos);
  EXPECT_EQ(d.bozo_exception.rfind("CharacterEncodingOverride", 0), 0u) << d.bozo_exception;
}

// Real Latin-1 text (bytes that are not UTF-8) keeps its declaration, without bozo.
TEST(Encoding, Latin1DeclarationOverLatin1BytesStands) {
  Decoded d =
      decode_document("<?xml version='1.0' encoding='latin1'?><rss>Caf\xe9 \xe0</rss>", "", "");
  EXPECT_EQ(d.encoding, "latin1");
  EXPECT_NE(d.text.find("Caf\xc3\xa9 \xc3\xa0"), std::string::npos);
  EXPECT_TRUE(d.bozo_exception.empty());
}

// windows-1252's smart quotes in text labelled Latin-1 (or another ISO 8859 part), which puts
// control characters at 0x80–0x9F: they come out as the quotes they were meant to be.
TEST(Encoding, Windows1252BytesInLatin1TextAreDemoronised) {
  for (const char* label : {"iso-8859-1", "ISO_8859-1", "csisolatin1", "iso-8859-15", "latin2"}) {
    const std::string doc = "<?xml version='1.0' encoding='"s + label +
                            "'?><rss>\x93"
                            "don\x92t\x94 \x96 \x80 \x81</rss>";
    Decoded d = decode_document(doc, "", "");
    EXPECT_EQ(d.text.substr(d.text.find("<rss>")),
              "<rss>\xe2\x80\x9c"
              "don\xe2\x80\x99t\xe2\x80\x9d \xe2\x80\x93 \xe2\x82\xac \xc2\x81</rss>")
        << label;
    EXPECT_TRUE(d.bozo_exception.empty()) << label;
  }
}

// EBCDIC documents start with `<?xml` in EBCDIC; the declaration then names the code page,
// whatever its quote characters are.
TEST(Encoding, EbcdicDocumentsAreDecoded) {
  model::ParsedFeed declared = test::parse_fixture("charset/ebcdic-ibm500.xml");
  EXPECT_EQ(declared.encoding, "ibm500");
  ASSERT_TRUE(declared.feed.title);
  EXPECT_EQ(declared.feed.title->value, "[Caf\xc3\xa9] | news!");
  EXPECT_FALSE(declared.bozo) << declared.bozo_exception;
  model::ParsedFeed undeclared = test::parse_fixture("charset/ebcdic-undeclared-cp037.xml");
  EXPECT_EQ(undeclared.encoding, "cp037");
  ASSERT_TRUE(undeclared.feed.title);
  EXPECT_EQ(undeclared.feed.title->value, "[Caf\xc3\xa9] | news!");
  ASSERT_EQ(undeclared.entries.size(), 1u);
  EXPECT_EQ(undeclared.entries[0].title->value, "\xc2\xa2 \xc2\xac");
  model::ParsedFeed turkish = test::parse_fixture("charset/ebcdic-cp1026.xml");
  EXPECT_EQ(turkish.encoding, "cp1026");
  ASSERT_TRUE(turkish.feed.title);
  EXPECT_EQ(turkish.feed.title->value, "\xc4\x9f\xc3\xbc");
  EXPECT_FALSE(turkish.bozo) << turkish.bozo_exception;
}

}  // namespace
}  // namespace orrery::parse
