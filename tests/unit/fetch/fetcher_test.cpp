// Fetcher against a real local server: statuses, validators, redirects, schemes, headers.
#include "fetch/fetcher.h"

#include <gtest/gtest.h>

#include "fetch_helpers.h"
#include "support/http_server.h"
#include "support/temp_dir.h"

namespace orrery::fetch {
namespace {

using namespace std::chrono_literals;
using orrery::test::CannedResponse;
using orrery::test::HttpServer;
using test::fetch_one;
using test::request_for;

constexpr const char* k_feed = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
constexpr const char* k_date = "Sun, 06 Nov 1994 08:49:37 GMT";

TEST(Fetcher, OkResponseCarriesBodyValidatorsAndContentHeaders) {
  HttpServer server;
  server.serve("/feed", CannedResponse{200,
                                       k_feed,
                                       "application/rss+xml; charset=utf-8",
                                       {{"ETag", "\"v1\""},
                                        {"Last-Modified", k_date},
                                        {"Content-Location", "/feed.rss"},
                                        {"Content-Language", "en"},
                                        {"Cache-Control", "public, max-age=600"}}});
  auto r = fetch_one(request_for(server.url("/feed"), 42));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.feed_id, 42);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, k_feed);
  EXPECT_EQ(r.url, server.url("/feed"));
  EXPECT_EQ(r.final_url, server.url("/feed"));
  EXPECT_EQ(r.validators.etag, "\"v1\"");
  EXPECT_EQ(r.validators.last_modified, k_date);
  EXPECT_EQ(r.content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(r.content_location, "/feed.rss");
  EXPECT_EQ(r.content_language, "en");
  EXPECT_EQ(r.max_age, 600s);
  EXPECT_FALSE(r.not_modified);
  EXPECT_FALSE(r.moved_permanently);
}

TEST(Fetcher, FirstRequestSendsNoValidators) {
  HttpServer server;
  server.serve("/feed", k_feed);
  auto r = fetch_one(request_for(server.url("/feed")));
  ASSERT_TRUE(r.ok()) << r.error;
  auto seen = server.last_request("/feed");
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->has_header("If-None-Match"));
  EXPECT_FALSE(seen->has_header("If-Modified-Since"));
}

TEST(Fetcher, SecondRequestSendsBothValidatorsAndGets304) {
  HttpServer server;
  server.server().Get("/feed", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"" &&
        req.get_header_value("If-Modified-Since") == k_date) {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_header("Last-Modified", k_date);
    res.set_content(k_feed, "application/rss+xml");
  });
  auto first = fetch_one(request_for(server.url("/feed")));
  ASSERT_TRUE(first.ok()) << first.error;

  auto again = request_for(server.url("/feed"));
  again.validators = first.validators;
  auto second = fetch_one(again);
  EXPECT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.not_modified);
  EXPECT_EQ(second.body, "");
  EXPECT_EQ(second.validators.etag, "\"v1\"");  // carried over: the 304 repeated neither
  EXPECT_EQ(second.validators.last_modified, k_date);
  auto seen = server.last_request("/feed");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(seen->header("If-Modified-Since"), k_date);
}

TEST(Fetcher, ValidatorWithLineBreakIsNotSent) {
  HttpServer server;
  server.serve("/feed", k_feed);
  auto req = request_for(server.url("/feed"));
  req.validators.etag = "\"x\"\r\nX-Injected: yes";
  auto r = fetch_one(req);
  ASSERT_TRUE(r.ok()) << r.error;
  auto seen = server.last_request("/feed");
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->has_header("If-None-Match"));
  EXPECT_FALSE(seen->has_header("X-Injected"));
}

TEST(Fetcher, NotFoundIsAnErrorNamingTheStatus) {
  HttpServer server;
  server.serve("/gone", CannedResponse{404, "<html>nothing here</html>", "text/html", {}});
  auto r = fetch_one(request_for(server.url("/gone")));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.error, "HTTP 404 Not Found");
  EXPECT_EQ(r.body, "");  // an error page is never handed on
}

TEST(Fetcher, GoneIsAnErrorNamingTheStatus) {
  HttpServer server;
  server.serve("/gone", CannedResponse{410, "", "text/plain", {}});
  auto r = fetch_one(request_for(server.url("/gone")));
  EXPECT_EQ(r.status, 410);
  EXPECT_EQ(r.error, "HTTP 410 Gone");
}

TEST(Fetcher, ServerErrorWithRetryAfterSecondsIsParsed) {
  HttpServer server;
  server.serve("/busy", CannedResponse{503, "", "text/plain", {{"Retry-After", "120"}}});
  auto r = fetch_one(request_for(server.url("/busy")));
  EXPECT_EQ(r.error, "HTTP 503 Service Unavailable");
  EXPECT_EQ(r.retry_after, 120s);
}

TEST(Fetcher, TooManyRequestsWithRetryAfterDateIsParsedIntoSecondsFromNow) {
  HttpServer server;
  const auto when = util::now() + 1h;
  server.serve(
      "/busy",
      CannedResponse{429, "", "text/plain", {{"Retry-After", util::format_http_date(when)}}});
  auto r = fetch_one(request_for(server.url("/busy")));
  EXPECT_EQ(r.error, "HTTP 429 Too Many Requests");
  ASSERT_TRUE(r.retry_after);
  EXPECT_LE(*r.retry_after, 1h);
  EXPECT_GT(*r.retry_after, 50min);  // a bound on the conversion, not on how long the test took
}

TEST(Fetcher, PermanentRedirectChainIsFollowedAndMarkedPermanent) {
  HttpServer server;
  server.redirect("/a", 301, server.url("/b"));
  server.redirect("/b", 308, "/c");
  server.serve("/c", k_feed);
  auto r = fetch_one(request_for(server.url("/a")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, k_feed);
  EXPECT_EQ(r.final_url, server.url("/c"));
  EXPECT_TRUE(r.moved_permanently);
}

TEST(Fetcher, TemporaryRedirectInTheChainIsNotPermanent) {
  HttpServer server;
  server.redirect("/a", 301, "/b");
  server.redirect("/b", 302, "/c");
  server.serve("/c", k_feed);
  auto r = fetch_one(request_for(server.url("/a")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.final_url, server.url("/c"));
  EXPECT_FALSE(r.moved_permanently);
}

TEST(Fetcher, TemporaryRedirect307IsNotPermanent) {
  HttpServer server;
  server.redirect("/a", 307, "/c");
  server.serve("/c", k_feed);
  auto r = fetch_one(request_for(server.url("/a")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_FALSE(r.moved_permanently);
}

void redirect_chain(HttpServer& server, int hops) {
  for (int i = 0; i < hops; ++i) {
    server.redirect("/r" + std::to_string(i), 302, "/r" + std::to_string(i + 1));
  }
  server.serve("/r" + std::to_string(hops), k_feed);
}

TEST(Fetcher, FiveRedirectsAreFollowed) {
  HttpServer server;
  redirect_chain(server, model::limits::k_max_redirects);
  auto r = fetch_one(request_for(server.url("/r0")));
  EXPECT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, k_feed);
}

TEST(Fetcher, SixRedirectsAreRefused) {
  HttpServer server;
  redirect_chain(server, model::limits::k_max_redirects + 1);
  auto r = fetch_one(request_for(server.url("/r0")));
  EXPECT_EQ(r.error, "more than 5 redirects (the last: HTTP 302 Found)");
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(server.request_count("/r6"), 0u);
}

TEST(Fetcher, RedirectLoopIsRefusedByTheRedirectBound) {
  HttpServer server;
  server.redirect("/loop", 302, "/loop");
  auto r = fetch_one(request_for(server.url("/loop")));
  EXPECT_EQ(r.error, "more than 5 redirects (the last: HTTP 302 Found)");
  EXPECT_EQ(server.request_count("/loop"), 6u);
}

TEST(Fetcher, RedirectToFileIsRefusedEvenWhenFileIsAllowed) {
  HttpServer server;
  orrery::test::TempDir dir;
  auto secret = dir.write("secret.xml", k_feed);
  server.redirect("/a", 302, "file://" + secret.string());
  auto req = request_for(server.url("/a"));
  req.allow_file = true;
  auto r = fetch_one(req);
  EXPECT_EQ(r.error,
            "redirect to a disallowed scheme: file://" + secret.string() + " (HTTP 302 Found)");
  EXPECT_EQ(r.body, "");
}

TEST(Fetcher, RedirectToAnotherSchemeIsRefused) {
  HttpServer server;
  server.redirect("/a", 301, "ftp://127.0.0.1/feed");
  auto r = fetch_one(request_for(server.url("/a")));
  EXPECT_EQ(r.error,
            "redirect to a disallowed scheme: ftp://127.0.0.1/feed (HTTP 301 Moved Permanently)");
}

TEST(Fetcher, FileUrlIsReadOnlyWhenAllowed) {
  orrery::test::TempDir dir;
  auto path = dir.write("feed.xml", k_feed);
  auto req = request_for("file://" + path.string());
  auto refused = fetch_one(req);
  EXPECT_EQ(refused.error, "scheme not allowed: file://" + path.string());
  EXPECT_EQ(refused.body, "");

  req.allow_file = true;
  auto allowed = fetch_one(req);
  EXPECT_TRUE(allowed.ok()) << allowed.error;
  EXPECT_EQ(allowed.status, 200);
  EXPECT_EQ(allowed.body, k_feed);
}

TEST(Fetcher, RequestNamesTheUserAgentAndAcceptsCompression) {
  HttpServer server;
  server.serve("/feed", k_feed);
  FetcherOptions options;
  options.user_agent = "orrery/0.1 (+https://planet.example/)";
  auto r = fetch_one(request_for(server.url("/feed")), options);
  ASSERT_TRUE(r.ok()) << r.error;
  auto seen = server.last_request("/feed");
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->header("User-Agent"), "orrery/0.1 (+https://planet.example/)");
  EXPECT_NE(seen->header("Accept-Encoding").find("gzip"), std::string::npos);
  EXPECT_NE(seen->header("Accept").find("application/atom+xml"), std::string::npos);
}

TEST(Fetcher, CompressedResponseIsDecoded) {
  HttpServer server;
  const std::string big(100000, 'a');
  server.serve("/feed", big, "text/xml");  // httplib compresses text/xml for curl's Accept-Encoding
  auto r = fetch_one(request_for(server.url("/feed")));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, big);
}

TEST(Fetcher, RefusedConnectionNamesTheReason) {
  std::string url;
  {
    HttpServer gone;
    url = gone.url("/feed");
  }
  auto r = fetch_one(request_for(url));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, "connect failed: Connection refused");
}

TEST(Fetcher, UnknownHostIsNamed) {
  auto r = fetch_one(request_for("http://feeds.invalid/rss"));  // RFC 6761: never resolves
  EXPECT_EQ(r.error, "cannot resolve host feeds.invalid");
}

TEST(TestHttpServer, HelperPathsMatchLiterally) {
  HttpServer server;
  server.serve("/feed.xml", k_feed);
  EXPECT_TRUE(fetch_one(request_for(server.url("/feed.xml"))).ok());
  EXPECT_EQ(fetch_one(request_for(server.url("/feedXxml"))).error, "HTTP 404 Not Found");
  EXPECT_EQ(server.request_count("/feedXxml"), 1u);
}

TEST(Fetcher, MalformedUrlIsAnErrorNotAnException) {
  auto r = fetch_one(request_for("http://[::1/feed"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, 0);
}

}  // namespace
}  // namespace orrery::fetch
