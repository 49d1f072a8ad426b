#include "util/url.h"

#include <gtest/gtest.h>

namespace orrery::util {
namespace {

// RFC 3986 §5.4 examples, base "http://a/b/c/d;p?q".
struct Case {
  const char* ref;
  const char* expected;
};

TEST(ResolveUrl, FollowsRfc3986NormalAndAbnormalExamples) {
  const Case cases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g/"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {";x", "http://a/b/c/;x"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {"g..", "http://a/b/c/g.."},
      {"./../g", "http://a/b/g"},
      {"g;x=1/../y", "http://a/b/c/y"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(resolve_url("http://a/b/c/d;p?q", c.ref), c.expected) << "ref: " << c.ref;
  }
}

TEST(ResolveUrl, LeavesReferenceAloneWithoutAbsoluteBase) {
  EXPECT_EQ(resolve_url("", "/x.html"), "/x.html");
  EXPECT_EQ(resolve_url("relative/base", "x.html"), "x.html");
}

TEST(ResolveUrl, TrimsWhitespaceAroundBothParts) {
  EXPECT_EQ(resolve_url("  http://example.org/a/ \n", " b.html\t"), "http://example.org/a/b.html");
}

TEST(UrlParts, SchemeIsLowerCasedAndHostDropsUserinfoAndPort) {
  EXPECT_EQ(url_scheme("HTTPS://Example.org/x"), "https");
  EXPECT_EQ(url_scheme("/no/scheme"), "");
  EXPECT_EQ(url_host("http://user:pw@Example.ORG:8080/x"), "example.org");
  EXPECT_EQ(url_host("http://[::1]:80/"), "[::1]");
  EXPECT_EQ(url_origin("http://Example.org:8080/a?b"), "http://example.org:8080");
}

}  // namespace
}  // namespace orrery::util
