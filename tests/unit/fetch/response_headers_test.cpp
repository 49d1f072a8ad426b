#include "fetch/response_headers.h"

#include <gtest/gtest.h>

#include "model/limits.h"

namespace orrery::fetch {
namespace {

using namespace std::chrono_literals;

ResponseHeaders feed(std::initializer_list<std::string_view> lines,
                     std::size_t max_bytes = model::limits::k_max_header_bytes) {
  ResponseHeaders h(max_bytes);
  for (auto line : lines) {
    EXPECT_TRUE(h.add_line(line)) << line;
  }
  return h;
}

TEST(ResponseHeaders, FieldsOfTheResponseAreCaptured) {
  auto h = feed({"HTTP/1.1 200 OK\r\n", "ETag: \"abc\"\r\n",
                 "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n",
                 "content-type: application/rss+xml; charset=utf-8\r\n",
                 "Content-Location: /feed.xml\r\n", "Content-Language: fr\r\n", "\r\n"});
  EXPECT_EQ(h.final_status(), 200);
  EXPECT_EQ(h.reason(), "OK");
  EXPECT_EQ(h.fields().etag, "\"abc\"");
  EXPECT_EQ(h.fields().last_modified, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(h.fields().content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(h.fields().content_location, "/feed.xml");
  EXPECT_EQ(h.fields().content_language, "fr");
}

TEST(ResponseHeaders, OnlyTheFinalResponseOfARedirectChainCounts) {
  auto h = feed({"HTTP/1.1 301 Moved Permanently\r\n", "ETag: \"old\"\r\n", "Location: /b\r\n",
                 "\r\n", "HTTP/1.1 200 OK\r\n", "Content-Type: text/xml\r\n", "\r\n"});
  EXPECT_EQ(h.fields().etag, "");
  EXPECT_EQ(h.fields().location, "");
  EXPECT_EQ(h.fields().content_type, "text/xml");
  EXPECT_EQ(h.statuses(), (std::vector<int>{301, 200}));
}

TEST(ResponseHeaders, InterimResponseIsNotAHop) {
  auto h = feed({"HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "\r\n"});
  EXPECT_EQ(h.statuses(), (std::vector<int>{200}));
  EXPECT_FALSE(h.moved_permanently());
}

TEST(ResponseHeaders, ChainOf301And308IsPermanent) {
  auto h = feed({"HTTP/1.1 301 x\r\n", "\r\n", "HTTP/1.1 308 x\r\n", "\r\n", "HTTP/2 200\r\n"});
  EXPECT_TRUE(h.moved_permanently());
}

TEST(ResponseHeaders, One302AnywhereInTheChainIsTemporary) {
  auto h = feed({"HTTP/1.1 301 x\r\n", "\r\n", "HTTP/1.1 302 x\r\n", "\r\n", "HTTP/1.1 301 x\r\n",
                 "\r\n", "HTTP/1.1 200 OK\r\n"});
  EXPECT_FALSE(h.moved_permanently());
}

TEST(ResponseHeaders, NoRedirectIsNotAMove) {
  EXPECT_FALSE(feed({"HTTP/1.1 200 OK\r\n"}).moved_permanently());
}

TEST(ResponseHeaders, Http2StatusLineHasNoReason) {
  auto h = feed({"HTTP/2 404\r\n"});
  EXPECT_EQ(h.final_status(), 404);
  EXPECT_EQ(h.reason(), "");
}

TEST(ResponseHeaders, RepeatedCacheControlLinesAreJoined) {
  auto h =
      feed({"HTTP/1.1 200 OK\r\n", "Cache-Control: public\r\n", "Cache-Control: max-age=60\r\n"});
  EXPECT_EQ(h.fields().cache_control, "public, max-age=60");
}

TEST(ResponseHeaders, RepeatedContentEncodingLinesAreJoinedAndForgottenOnRedirect) {
  auto h =
      feed({"HTTP/1.1 301 Moved Permanently\r\n", "Content-Encoding: br\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "Content-Encoding: deflate\r\n", "content-encoding: gzip\r\n"});
  EXPECT_EQ(h.fields().content_encoding, "deflate, gzip");
}

TEST(ResponseHeaders, FoldedLineContinuesTheField) {
  auto h = feed({"HTTP/1.1 200 OK\r\n", "Content-Type: text/xml;\r\n", "  charset=utf-8\r\n"});
  EXPECT_EQ(h.fields().content_type, "text/xml; charset=utf-8");
}

TEST(ResponseHeaders, HeadersOverTheBoundAreRefused) {
  ResponseHeaders h(64);
  EXPECT_TRUE(h.add_line("HTTP/1.1 200 OK\r\n"));
  EXPECT_TRUE(h.add_line("X-A: " + std::string(30, 'a') + "\r\n"));
  EXPECT_FALSE(h.add_line("X-B: " + std::string(30, 'b') + "\r\n"));
}

TEST(ResponseHeaders, HeaderBoundIsPerResponse) {
  ResponseHeaders h(64);
  for (int hop = 0; hop < 5; ++hop) {
    EXPECT_TRUE(h.add_line("HTTP/1.1 302 Found\r\n"));
    EXPECT_TRUE(h.add_line("Location: /" + std::string(30, 'a') + "\r\n"));
  }
}

TEST(RetryAfter, DelaySecondsAreParsed) {
  EXPECT_EQ(parse_retry_after("120", util::TimePoint{}), 120s);
  EXPECT_EQ(parse_retry_after(" 0 ", util::TimePoint{}), 0s);
}

TEST(RetryAfter, HttpDateBecomesSecondsFromNow) {
  const auto now = *util::from_civil(2026, 1, 1, 12, 0, 0);
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 2026 12:05:00 GMT", now), 300s);
}

TEST(RetryAfter, PastDateIsZero) {
  const auto now = *util::from_civil(2026, 1, 1, 12, 0, 0);
  EXPECT_EQ(parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now), 0s);
}

TEST(RetryAfter, GarbageIsNothing) {
  EXPECT_FALSE(parse_retry_after("later", util::TimePoint{}));
  EXPECT_FALSE(parse_retry_after("-5", util::TimePoint{}));
}

TEST(RetryAfter, HugeDelayIsClampedNotOverflowed) {
  auto v = parse_retry_after("99999999999999999999999999", util::TimePoint{});
  ASSERT_TRUE(v);
  EXPECT_GT(*v, 0s);
  EXPECT_LE(*v, std::chrono::seconds(10LL * 365 * 24 * 3600));
}

TEST(MaxAge, DirectiveIsFoundAmongOthers) {
  EXPECT_EQ(parse_max_age("public, max-age=300, must-revalidate"), 300s);
}

TEST(MaxAge, QuotedValueAndCaseAreAccepted) { EXPECT_EQ(parse_max_age("Max-Age=\"60\""), 60s); }

TEST(MaxAge, SMaxAgeIsNotMaxAge) { EXPECT_FALSE(parse_max_age("s-maxage=60")); }

TEST(MaxAge, MalformedValueIsNothing) {
  EXPECT_FALSE(parse_max_age("max-age=soon"));
  EXPECT_FALSE(parse_max_age("no-cache"));
}

TEST(Expires, FreshnessIsExpiresMinusDate) {
  const util::TimePoint now = util::from_unix(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parse_expires("Sun, 06 Nov 1994 09:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT",
                          now + std::chrono::hours(5)),
            3600s);
}

TEST(Expires, WithoutDateNowIsUsed) {
  const util::TimePoint now = util::from_unix(784111777);
  EXPECT_EQ(parse_expires("Sun, 06 Nov 1994 08:59:37 GMT", "", now), 600s);
  EXPECT_EQ(parse_expires("Sun, 06 Nov 1994 08:59:37 GMT", "garbage", now), 600s);
}

TEST(Expires, InvalidOrPastMeansAlreadyStale) {
  const util::TimePoint now = util::from_unix(784111777);
  EXPECT_EQ(parse_expires("0", "", now), 0s);
  EXPECT_EQ(parse_expires("-1", "", now), 0s);
  EXPECT_EQ(parse_expires("Sun, 06 Nov 1994 08:00:00 GMT", "", now), 0s);
}

TEST(Expires, AbsentIsNothing) { EXPECT_FALSE(parse_expires("", "", util::from_unix(0))); }

TEST(Expires, HeadersAreRead) {
  ResponseHeaders headers(65536);
  headers.add_line("HTTP/1.1 200 OK\r\n");
  headers.add_line("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n");
  headers.add_line("Expires: Sun, 06 Nov 1994 09:49:37 GMT\r\n");
  EXPECT_EQ(headers.fields().date, "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(headers.fields().expires, "Sun, 06 Nov 1994 09:49:37 GMT");
}

}  // namespace
}  // namespace orrery::fetch
