// health/words: every failure the fetcher and the parser record, in plain words. The errors are
// the lines fetch/transfer_errors.cpp, fetch/http_status.cpp, fetch/fetcher.cpp and app/cycle.cpp
// write.

#include "health/words.h"

#include <gtest/gtest.h>

namespace orrery::health {
namespace {

TEST(FailureWords, HttpStatusIsTheServersAnswer) {
  EXPECT_EQ(failure_words(404, "HTTP 404 Not Found"), "the server answers 404 Not Found");
  EXPECT_EQ(failure_words(403, "HTTP 403 Forbidden"), "the server answers 403 Forbidden");
  EXPECT_EQ(failure_words(503, "HTTP 503 Service Unavailable"),
            "the server answers 503 Service Unavailable");
  EXPECT_EQ(failure_words(429, "HTTP 429 Too Many Requests"),
            "the server answers 429 Too Many Requests");
}

TEST(FailureWords, GoneSaysTheFeedWasRemoved) {
  EXPECT_EQ(failure_words(410, "HTTP 410 Gone"),
            "the server answers 410 Gone: the feed was removed for good");
}

TEST(FailureWords, StatusWithATransferFailureNamesOnlyTheStatus) {
  EXPECT_EQ(failure_words(500, "HTTP 500 Internal Server Error; body cut short: 10 of 99 bytes"),
            "the server answers 500 Internal Server Error");
}

TEST(FailureWords, UnknownStatusKeepsAPlainServerPhraseOnly) {
  EXPECT_EQ(failure_words(599, "HTTP 599 Network Connect Timeout"),
            "the server answers 599 Network Connect Timeout");
  EXPECT_EQ(failure_words(599, "HTTP 599 see /var/www/x.php:12"), "the server answers 599");
  EXPECT_EQ(failure_words(599, "HTTP 599"), "the server answers 599");
}

TEST(FailureWords, RedirectWithoutLocation) {
  EXPECT_EQ(failure_words(302, "HTTP 302 Found without a Location"),
            "the server answers 302 Found but names no new address");
}

TEST(FailureWords, NotModifiedWithoutValidators) {
  EXPECT_EQ(failure_words(304, "HTTP 304 Not Modified to a request without validators"),
            "the server answers 304 Not Modified to a request that asked for no cached copy");
}

TEST(FailureWords, StatusWithoutErrorText) {
  EXPECT_EQ(failure_words(404, ""), "the server answers 404");
}

TEST(FailureWords, Timeouts) {
  EXPECT_EQ(failure_words(0, "timed out after 30 s"), "the server did not answer within 30 s");
  EXPECT_EQ(failure_words(0, "connect timed out after 10 s"),
            "the server did not accept a connection within 10 s");
  EXPECT_EQ(failure_words(200, "too slow: less than 100 bytes/s for 60 s"),
            "the server sent less than 100 bytes/s for 60 s");
  EXPECT_EQ(failure_words(0, "abandoned at the cycle deadline of 600 s"),
            "the download did not finish within the planet's time limit of 600 s");
}

TEST(FailureWords, NameResolution) {
  EXPECT_EQ(failure_words(0, "cannot resolve host feeds.invalid"),
            "the address does not resolve (no such host name)");
  EXPECT_EQ(failure_words(0, "cannot resolve host: Could not resolve host: x"),
            "the address does not resolve (no such host name)");
}

TEST(FailureWords, Connections) {
  EXPECT_EQ(failure_words(0, "connect failed: Connection refused"),
            "the server refuses connections");
  EXPECT_EQ(failure_words(0, "connect failed: No route to host"), "the server cannot be reached");
  EXPECT_EQ(failure_words(0, "connect failed: Network is unreachable"),
            "the server cannot be reached");
  EXPECT_EQ(failure_words(0, "connect failed: Operation not permitted"),
            "the connection to the server failed");
  EXPECT_EQ(failure_words(0, "receive failed: Connection reset by peer"),
            "the connection to the server broke off");
  EXPECT_EQ(failure_words(0, "send failed: Broken pipe"), "the connection to the server broke off");
  EXPECT_EQ(failure_words(0, "server closed the connection without a response"),
            "the server closed the connection without answering");
}

TEST(FailureWords, PrivateAddressNamesNoAddress) {
  const std::string words = failure_words(
      0, "refused to connect to private address 10.1.2.3 (redirected from http://a.example/)");
  EXPECT_EQ(words, "the address leads to a private network, which this planet does not fetch from");
}

TEST(FailureWords, Tls) {
  EXPECT_EQ(failure_words(0, "TLS failed: SSL certificate problem: self-signed certificate"),
            "the server's TLS certificate is not trusted");
  EXPECT_EQ(failure_words(
                0, "TLS failed: SSL certificate problem: unable to get local issuer certificate"),
            "the server's TLS certificate is not trusted");
  EXPECT_EQ(failure_words(0, "TLS failed: SSL certificate problem: certificate has expired"),
            "the server's TLS certificate has expired");
  EXPECT_EQ(failure_words(0,
                          "TLS failed: SSL: no alternative certificate subject name matches "
                          "target host name 'a.example'"),
            "the server's TLS certificate is for another name");
  EXPECT_EQ(failure_words(0, "TLS failed: OpenSSL SSL_connect: SSL_ERROR_SYSCALL"),
            "the secure connection (TLS) to the server failed");
}

TEST(FailureWords, BodyAndHeaderLimits) {
  EXPECT_EQ(failure_words(200, "body larger than 16777216 bytes"),
            "the document is larger than 16 MiB");
  EXPECT_EQ(failure_words(200, "body larger than 1000 bytes"),
            "the document is larger than 1000 bytes");
  EXPECT_EQ(failure_words(200, "response headers larger than 65536 bytes"),
            "the server's response headers are larger than the limit");
  EXPECT_EQ(failure_words(200, "body cut short: 10 of 99 bytes"),
            "the connection closed before the whole document arrived");
  EXPECT_EQ(failure_words(200, "body cut short: gzip stream ends early after 10 bytes"),
            "the connection closed before the whole document arrived");
  EXPECT_EQ(failure_words(200, "cannot decode body: gzip: invalid data"),
            "the server's compressed document cannot be decoded");
  EXPECT_EQ(failure_words(200, "write failed: Failure writing output to destination"),
            "the download failed");
}

TEST(FailureWords, Redirects) {
  EXPECT_EQ(failure_words(302, "more than 5 redirects (the last: HTTP 302 Found)"),
            "the address redirects more than 5 times");
  EXPECT_EQ(
      failure_words(302, "redirect to a disallowed scheme: file:///etc/passwd (HTTP 302 Found)"),
      "the server redirects to an address that is not http(s)");
}

TEST(FailureWords, ProtocolAndScheme) {
  EXPECT_EQ(failure_words(0, "invalid response: HTTP/0.9 is not allowed"),
            "the server's answer is not valid HTTP");
  EXPECT_EQ(failure_words(0, "scheme not allowed: gopher://a.example/"),
            "the address is not an http or https URL");
}

TEST(FailureWords, UnreadableLocalFileNamesNoPath) {
  const std::string words = failure_words(0, "Couldn't open file /home/planet/feeds/x.xml");
  EXPECT_EQ(words, "the file cannot be read");
}

TEST(FailureWords, InternalErrorsGiveNoInternalText) {
  EXPECT_EQ(failure_words(0, "cannot set CURLOPT_URL: Out of memory"),
            "orrery could not start the download (an internal error)");
  EXPECT_EQ(failure_words(0, "cannot start transfer: Out of memory"),
            "orrery could not start the download (an internal error)");
  EXPECT_EQ(failure_words(200, "parse: internal error: std::bad_alloc"),
            "orrery could not read the document (an internal error)");
}

TEST(FailureWords, ParseFailures) {
  EXPECT_EQ(failure_words(200, "parse: not a feed"), "the document is not a feed");
  EXPECT_EQ(failure_words(200, "parse: NotAFeed: root element <html> is not RSS, RDF or Atom"),
            "the address serves a web page, not a feed");
  EXPECT_EQ(failure_words(200, "parse: NotAFeed: root element <svg> is not RSS, RDF or Atom"),
            "the document is not a feed");
  EXPECT_EQ(failure_words(200, "parse: SAXParseException: no element found"),
            "the document is not a feed (it is empty or not XML)");
  EXPECT_EQ(failure_words(200, "parse: JSONDecodeError: not a JSON object"),
            "the document is not a feed (it is not valid JSON)");
  EXPECT_EQ(failure_words(200, "parse: NotAFeed: JSON without a JSON Feed version"),
            "the document is JSON but not a JSON Feed");
}

TEST(FailureWords, UnknownErrorIsNotRepeated) {
  EXPECT_EQ(failure_words(0, "something odd at /srv/orrery/cache: 0x7f"),
            "the feed could not be fetched");
  EXPECT_EQ(failure_words(0, ""), "");
}

TEST(FailureWords, StagePrefixIsIgnored) {
  EXPECT_EQ(failure_words(404, "fetch: HTTP 404 Not Found"), "the server answers 404 Not Found");
}

TEST(RecoveryWords, FeedparserReasons) {
  EXPECT_EQ(recovery_words("SAXParseException: mismatched tag at offset 10"),
            "the document is not well-formed XML");
  EXPECT_EQ(recovery_words("CharacterEncodingOverride: document declared as us-ascii, but parsed "
                           "as utf-8"),
            "the document's declared character encoding is wrong");
  EXPECT_EQ(recovery_words("CharacterEncodingUnknown: document encoding unknown"),
            "the document's character encoding is unknown");
  EXPECT_EQ(recovery_words("DocumentTooLarge: only the first 16777216 bytes were read"),
            "the document is too large: only its beginning was read");
  EXPECT_EQ(recovery_words("UndeclaredNamespace: prefix x"),
            "the document uses an XML namespace prefix it does not declare");
  EXPECT_EQ(recovery_words("EntryLimitExceeded: more than 10000 entries"),
            "the document passes one of orrery's limits: only part of it was read");
  EXPECT_EQ(recovery_words("Whatever"), "the document is not well-formed");
  EXPECT_EQ(recovery_words(""), "");
}

}  // namespace
}  // namespace orrery::health
