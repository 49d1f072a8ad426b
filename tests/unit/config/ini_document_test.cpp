#include "config/ini_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "model/limits.h"
#include "support/temp_dir.h"

namespace orrery::config {
namespace {

using ::testing::HasSubstr;

IniDocument parse_ok(std::string_view text) {
  auto doc = parse_ini(text, "planet.ini");
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message);
  return doc ? *doc : IniDocument{};
}

std::string parse_error(std::string_view text) {
  auto doc = parse_ini(text, "planet.ini");
  EXPECT_FALSE(doc.has_value());
  return doc ? "" : doc.error().message;
}

std::string value_of(const IniDocument& doc, std::string_view section, const std::string& key) {
  const IniSection* s = doc.find(section);
  if (!s || !s->values.count(key)) {
    return "<missing>";
  }
  return s->values.at(key).value;
}

TEST(IniDocument, EqualsAndColonBothSeparateKeyFromValue) {
  IniDocument doc = parse_ok("[Planet]\nname = Planet X\nlink: https://x.example/\n");
  EXPECT_EQ(value_of(doc, "Planet", "name"), "Planet X");
  EXPECT_EQ(value_of(doc, "Planet", "link"), "https://x.example/");
}

TEST(IniDocument, KeysAreLowerCasedAndSectionNamesKeepTheirCase) {
  IniDocument doc = parse_ok("[Planet]\nItems_Per_Page = 10\n");
  EXPECT_EQ(value_of(doc, "Planet", "items_per_page"), "10");
}

TEST(IniDocument, HashAndSemicolonLinesAreComments) {
  IniDocument doc = parse_ok("# one\n[Planet]\n; two\n  # three\nname = x\n");
  ASSERT_EQ(doc.sections.size(), 1u);
  EXPECT_EQ(doc.sections[0].values.size(), 1u);
}

TEST(IniDocument, SemicolonAfterWhitespaceStartsAnInlineComment) {
  IniDocument doc = parse_ok("[Planet]\nname = x ; the name\n");
  EXPECT_EQ(value_of(doc, "Planet", "name"), "x");
}

TEST(IniDocument, SemicolonInsideAValueIsKept) {
  IniDocument doc = parse_ok("[Planet]\nlink = https://x.example/?a=1;b=2\n");
  EXPECT_EQ(value_of(doc, "Planet", "link"), "https://x.example/?a=1;b=2");
}

TEST(IniDocument, IndentedLinesContinueThePreviousValue) {
  IniDocument doc = parse_ok("[Planet]\ntemplate_files = a.tmpl\n  b.tmpl\n\n  c.tmpl\nx = 1\n");
  EXPECT_EQ(value_of(doc, "Planet", "template_files"), "a.tmpl\nb.tmpl\nc.tmpl");
  EXPECT_EQ(value_of(doc, "Planet", "x"), "1");
}

TEST(IniDocument, ContinuationOfAnEmptyValueHasNoLeadingNewline) {
  IniDocument doc = parse_ok("[Planet]\ntemplate_files =\n  a.tmpl\n");
  EXPECT_EQ(value_of(doc, "Planet", "template_files"), "a.tmpl");
}

TEST(IniDocument, ValuesAndSectionsRememberTheirLines) {
  IniDocument doc = parse_ok("\n[Planet]\n# c\nname = x\n\n[https://a.example/feed]\n");
  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(doc.sections[0].line, 2);
  EXPECT_EQ(doc.sections[0].values.at("name").line, 4);
  EXPECT_EQ(doc.sections[1].line, 6);
}

TEST(IniDocument, SectionNamesLongerThanInihsBufferAreKeptWhole) {
  std::string url = "https://blog.example.org/feeds/posts/default?alt=rss&max-results=50&x=1";
  IniDocument doc = parse_ok("[" + url + "]\nname = Blog\n");
  EXPECT_EQ(value_of(doc, url, "name"), "Blog");
}

TEST(IniDocument, SectionWithoutKeysIsListed) {
  IniDocument doc = parse_ok("[Planet]\n[https://a.example/feed]\n");
  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(doc.sections[1].name, "https://a.example/feed");
}

TEST(IniDocument, LinesLongerThanInihsDefaultBufferAreRead) {
  std::string value(1000, 'y');
  IniDocument doc = parse_ok("[Planet]\nname = " + value + "\nnext = 1\n");
  EXPECT_EQ(value_of(doc, "Planet", "name"), value);
  EXPECT_EQ(doc.find("Planet")->values.at("next").line, 3);
}

TEST(IniDocument, LineOfExactlyTheLimitIsRead) {
  std::string line = "name = ";
  line += std::string(model::limits::k_max_config_line_bytes - line.size(), 'y');
  IniDocument doc = parse_ok("[Planet]\n" + line + "\n");
  EXPECT_EQ(value_of(doc, "Planet", "name").size(), model::limits::k_max_config_line_bytes - 7);
}

TEST(IniDocument, LineLongerThanTheLimitIsAnError) {
  std::string value(model::limits::k_max_config_line_bytes, 'y');
  EXPECT_EQ(parse_error("[Planet]\nname = " + value + "\n"),
            "planet.ini:2: line is longer than 65536 bytes");
}

TEST(IniDocument, RepeatedSectionIsMergedIntoTheFirst) {
  IniDocument doc = parse_ok("[Planet]\na = 1\n[x.tmpl]\n[Planet]\na = 2\nb = 3\n");
  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(value_of(doc, "Planet", "a"), "2");
  EXPECT_EQ(value_of(doc, "Planet", "b"), "3");
  EXPECT_EQ(doc.sections[0].repeated_at, std::vector<int>{4});
}

TEST(IniDocument, DefaultSectionIsInheritedAndNotListed) {
  IniDocument doc = parse_ok("[DEFAULT]\nface = x.png\n[Planet]\n[https://a.example/]\nface = y\n");
  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(value_of(doc, "Planet", "face"), "x.png");
  EXPECT_EQ(value_of(doc, "https://a.example/", "face"), "y");
}

TEST(IniDocument, ByteOrderMarkAndCrLfAreAccepted) {
  IniDocument doc = parse_ok("\xEF\xBB\xBF[Planet]\r\nname = x\r\n");
  EXPECT_EQ(value_of(doc, "Planet", "name"), "x");
}

TEST(IniDocument, BareDoubleQuotesReadAsEmpty) {
  IniDocument doc = parse_ok("[Planet]\nowner_email = \"\"\n");
  EXPECT_EQ(value_of(doc, "Planet", "owner_email"), "");
}

TEST(IniDocument, KeyBeforeAnySectionIsAnError) {
  EXPECT_EQ(parse_error("# c\nname = x\n"), "planet.ini:2: key before any [section]");
}

TEST(IniDocument, LineWithoutSeparatorIsAnError) {
  EXPECT_EQ(parse_error("[Planet]\nname x\n"),
            "planet.ini:2: expected \"key = value\", a [section] or a comment, not \"name x\"");
}

TEST(IniDocument, LongBadLineIsQuotedShortenedWithoutCuttingACharacter) {
  std::string line = std::string(59, 'x') + "\xC3\xA9" + std::string(20, 'y');
  EXPECT_EQ(parse_error("[Planet]\n" + line + "\n"),
            "planet.ini:2: expected \"key = value\", a [section] or a comment, not \"" +
                std::string(59, 'x') + "…\"");
}

TEST(IniDocument, UnclosedSectionHeaderIsAnError) {
  EXPECT_EQ(parse_error("[Planet]\n[https://a.example/\n"),
            "planet.ini:2: section header has no closing \"]\"");
}

TEST(IniDocument, EmptyKeyIsAnError) {
  EXPECT_EQ(parse_error("[Planet]\n= x\n"), "planet.ini:2: missing key before the \"=\" or \":\"");
}

TEST(IniDocument, NulByteIsAnError) {
  EXPECT_EQ(parse_error(std::string("[Planet]\nna\0me = x\n", 19)),
            "planet.ini:2: contains a NUL byte");
}

TEST(IniFile, MissingFileIsAnErrorNamingIt) {
  test::TempDir dir;
  auto doc = read_ini_file(dir / "nope.ini");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().message,
            (dir / "nope.ini").string() + ": cannot read: No such file or directory");
}

TEST(IniFile, DirectoryIsAnError) {
  test::TempDir dir;
  auto doc = read_ini_file(dir.path());
  ASSERT_FALSE(doc);
  EXPECT_THAT(doc.error().message, HasSubstr(": cannot read: is a directory"));
}

TEST(IniFile, DeviceIsNotARegularFile) {
  auto doc = read_ini_file("/dev/null");
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().message, "/dev/null: cannot read: not a regular file");
}

TEST(IniFile, FileLargerThanTheLimitIsAnError) {
  test::TempDir dir;
  std::string big = "[Planet]\n" + std::string(model::limits::k_max_config_bytes, '#');
  auto doc = read_ini_file(dir.write("big.ini", big));
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().message, (dir / "big.ini").string() + ": larger than 4194304 bytes");
}

TEST(IniFile, DirectoryIsTheFilesAbsoluteParent) {
  test::TempDir dir;
  auto doc = read_ini_file(dir.write("sub/planet.ini", "[Planet]\n"));
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->directory, (dir / "sub").lexically_normal());
  EXPECT_EQ(doc->display_name, (dir / "sub/planet.ini").string());
}

}  // namespace
}  // namespace orrery::config
