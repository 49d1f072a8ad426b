#include "config/interpolate.h"

#include <gtest/gtest.h>

#include <string>

#include "config/ini_document.h"

namespace orrery::config {
namespace {

std::string planet_value(std::string_view text, const std::string& key) {
  auto doc = parse_ini(text, "planet.ini");
  if (!doc) {
    return "error: " + doc.error().message;
  }
  return doc->find("Planet")->values.at(key).value;
}

TEST(ConfigInterpolate, KeyOfTheSameSectionIsSubstituted) {
  EXPECT_EQ(planet_value("[Planet]\nhere = /srv/p\ncache_directory = %(here)s/cache\n",
                         "cache_directory"),
            "/srv/p/cache");
}

TEST(ConfigInterpolate, KeyNamesAreCaseInsensitive) {
  EXPECT_EQ(planet_value("[Planet]\nhere = /srv\nout = %(HERE)s/out\n", "out"), "/srv/out");
}

TEST(ConfigInterpolate, DefaultSectionKeysCanBeSubstituted) {
  EXPECT_EQ(planet_value("[DEFAULT]\nroot = /srv\n[Planet]\nout = %(root)s/www\n", "out"),
            "/srv/www");
}

TEST(ConfigInterpolate, SubstitutionsNest) {
  EXPECT_EQ(planet_value("[Planet]\na = x\nb = %(a)s-y\nc = %(b)s-z\n", "c"), "x-y-z");
}

TEST(ConfigInterpolate, ValueWithoutPercentParenIsLeftAlone) {
  EXPECT_EQ(planet_value("[Planet]\ndate_format = %B %d, %Y 100%%\n", "date_format"),
            "%B %d, %Y 100%%");
}

TEST(ConfigInterpolate, DoublePercentIsOnePercentWhenInterpolating) {
  EXPECT_EQ(planet_value("[Planet]\nn = 5\nx = %(n)s%%\n", "x"), "5%");
}

TEST(ConfigInterpolate, LogFormatIsReadRaw) {
  EXPECT_EQ(planet_value("[Planet]\nlog_format = %(levelname)s:%(message)s\n", "log_format"),
            "%(levelname)s:%(message)s");
}

TEST(ConfigInterpolate, MissingKeyIsAnErrorNamingIt) {
  EXPECT_EQ(planet_value("[Planet]\n\nout = %(nope)s/www\n", "out"),
            "error: planet.ini:3: out: \"%(nope)s/www\" names no key \"nope\" in [Planet]");
}

TEST(ConfigInterpolate, SelfReferenceStopsAtTheDepthLimit) {
  EXPECT_EQ(planet_value("[Planet]\na = %(a)s\n", "a"),
            "error: planet.ini:2: a: %(…)s interpolation nested deeper than 10 levels");
}

}  // namespace
}  // namespace orrery::config
