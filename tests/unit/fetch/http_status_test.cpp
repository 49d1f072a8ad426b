#include "fetch/http_status.h"

#include <gtest/gtest.h>

namespace orrery::fetch {
namespace {

TEST(HttpStatus, KnownStatusUsesTheStandardPhraseNotTheServers) {
  EXPECT_EQ(http_status_error(404, "Nope"), "HTTP 404 Not Found");
  EXPECT_EQ(http_status_error(410, ""), "HTTP 410 Gone");
}

TEST(HttpStatus, UnknownStatusUsesTheServersPhraseCleaned) {
  EXPECT_EQ(http_status_error(599, "Network\x01Oops"), "HTTP 599 Network?Oops");
}

TEST(HttpStatus, ServersPhraseIsCut) {
  EXPECT_EQ(http_status_error(599, std::string(500, 'x')).size(),
            std::string("HTTP 599 ").size() + 64);
}

TEST(HttpStatus, UnknownStatusWithoutPhraseIsJustTheNumber) {
  EXPECT_EQ(http_status_error(499, ""), "HTTP 499");
}

}  // namespace
}  // namespace orrery::fetch
