// Several config files read as one, as Venus's planet.py reads `config.ini more.ini`:
// Python's ConfigParser.read([a, b]).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config.h"
#include "config/ini_document.h"
#include "planet_fixture.h"

namespace orrery::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SeveralFiles : public ::testing::Test {
 protected:
  util::Result<Config> load_files(std::string_view a, std::string_view b) {
    auto first = m_planet.dir().write("a.ini", a);
    auto second = m_planet.dir().write("sub/b.ini", b);
    return load(std::vector<std::filesystem::path>{first, second}, LoadOptions{m_planet.themes()});
  }

  std::string dir() const { return m_planet.dir().path().string(); }

  PlanetFixture m_planet;
};

TEST_F(SeveralFiles, ALaterFileWinsPerKey) {
  auto config = load_files("[Planet]\nname = A\nitems_per_page = 5\n", "[Planet]\nname = B\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.name, "B");
  EXPECT_EQ(config->planet.items_per_page, 5);
}

TEST_F(SeveralFiles, SectionsOfBothFilesAreMerged) {
  auto config = load_files("[Planet]\n[https://a.example/]\nname = A\nface = a.png\n",
                           "[https://a.example/]\nname = A2\n[https://b.example/]\n");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->feeds.size(), 2u);
  EXPECT_EQ(config->feeds[0].name, "A2");
  EXPECT_EQ(config->feeds[0].raw.at("face"), "a.png");
  EXPECT_EQ(config->feeds[1].url, "https://b.example/");
}

TEST_F(SeveralFiles, AnErrorNamesTheFileThatHoldsTheValue) {
  auto config = load_files("[Planet]\nname = A\n", "[Planet]\n\nitems_per_page = many\n");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            dir() + "/sub/b.ini:3: items_per_page: \"many\" is not a number");
}

TEST_F(SeveralFiles, AWarningNamesTheFileThatHoldsTheKey) {
  auto config = load_files("[Planet]\ncolour = red\n", "[https://a.example/]\nshoe = 9\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->warnings, ElementsAre(HasSubstr(dir() + "/a.ini:2: [Planet] colour"),
                                            HasSubstr(dir() + "/sub/b.ini:2: [https://a.ex")));
}

TEST_F(SeveralFiles, RelativePathsResolveAgainstTheirOwnFile) {
  auto config = load_files("[Planet]\ncache_directory = state\n",
                           "[Planet]\noutput_dir = public\n[file:feed.xml]\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.cache_directory, m_planet.dir() / "state");
  EXPECT_EQ(config->planet.output_dir, m_planet.dir() / "sub/public");
  ASSERT_EQ(config->feeds.size(), 1u);
  EXPECT_EQ(config->feeds[0].url, "file://" + dir() + "/sub/feed.xml");
}

TEST_F(SeveralFiles, DefaultFromAnyFileAppliesEverywhere) {
  auto config =
      load_files("[Planet]\n[https://a.example/]\n", "[DEFAULT]\nfuture_dates = ignore_date\n");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->feeds.size(), 1u);
  EXPECT_EQ(config->feeds[0].future_dates, FutureDates::ignore_date);
}

TEST_F(SeveralFiles, InterpolationSeesTheMergedValues) {
  auto config = load_files("[Planet]\nname = %(site)s planet\n", "[Planet]\nsite = Example\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->planet.name, "Example planet");
}

TEST_F(SeveralFiles, TheSameFeedTwiceInOneFileIsStillAnError) {
  auto config = load_files("[Planet]\n[https://a.example/]\n[https://a.example/]\n", "");
  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().message, HasSubstr("a.ini:3: [https://a.example/]: the same feed"));
}

TEST_F(SeveralFiles, EveryFileIsRecordedAndTheirDirectoriesAreTemplateDirectories) {
  auto config = load_files("[Planet]\n", "[Planet]\nname = B\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(config->paths, ElementsAre(m_planet.dir() / "a.ini", m_planet.dir() / "sub/b.ini"));
  EXPECT_EQ(config->path, m_planet.dir() / "sub/b.ini");
  const auto& dirs = config->planet.template_directories;
  EXPECT_NE(std::find(dirs.begin(), dirs.end(), m_planet.dir() / "sub"), dirs.end());
}

TEST_F(SeveralFiles, NoPlanetSectionInAnyFileNamesEveryFile) {
  auto config = load_files("[https://a.example/]\n", "[https://b.example/]\n");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, dir() + "/a.ini, " + dir() + "/sub/b.ini: no [Planet] section");
}

TEST_F(SeveralFiles, AThemeStillMergesUnderEveryFile) {
  auto config = load_files("[Planet]\n", "[Planet]\nbill_of_materials = extra.css\n");
  m_planet.dir().write("sub/extra.css", "x");
  config = load_files("[Planet]\n", "[Planet]\nbill_of_materials = extra.css\n");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_THAT(
      config->planet.bill_of_materials,
      ElementsAre(m_planet.themes() / "default/planet.css", m_planet.dir() / "sub/extra.css"));
}

}  // namespace
}  // namespace orrery::config
