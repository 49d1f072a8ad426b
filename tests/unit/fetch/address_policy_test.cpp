#include "fetch/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace orrery::fetch {
namespace {

bool is_private(const char* text) {
  sockaddr_storage storage{};
  if (::inet_pton(AF_INET, text, &reinterpret_cast<sockaddr_in*>(&storage)->sin_addr) == 1) {
    storage.ss_family = AF_INET;
  } else if (::inet_pton(AF_INET6, text, &reinterpret_cast<sockaddr_in6*>(&storage)->sin6_addr) ==
             1) {
    storage.ss_family = AF_INET6;
  } else {
    ADD_FAILURE() << "not an address: " << text;
  }
  return is_private_address(reinterpret_cast<sockaddr*>(&storage));
}

TEST(AddressPolicy, LoopbackAndUnspecifiedArePrivate) {
  EXPECT_TRUE(is_private("127.0.0.1"));
  EXPECT_TRUE(is_private("127.255.0.9"));
  EXPECT_TRUE(is_private("0.0.0.0"));
  EXPECT_TRUE(is_private("::1"));
  EXPECT_TRUE(is_private("::"));
}

TEST(AddressPolicy, Rfc1918CgnatAndLinkLocalArePrivate) {
  for (const char* a : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
                        "100.127.255.255", "169.254.169.254"}) {
    EXPECT_TRUE(is_private(a)) << a;
  }
}

TEST(AddressPolicy, NeighboursOfPrivateBlocksArePublic) {
  for (const char* a : {"172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "11.0.0.1",
                        "192.169.0.1", "8.8.8.8", "2001:db8::1", "2a00:1450::1"}) {
    EXPECT_FALSE(is_private(a)) << a;
  }
}

TEST(AddressPolicy, UlaLinkLocalAndMulticastV6ArePrivate) {
  EXPECT_TRUE(is_private("fd00::1"));
  EXPECT_TRUE(is_private("fc12::1"));
  EXPECT_TRUE(is_private("fe80::1"));
  EXPECT_TRUE(is_private("ff02::1"));
}

TEST(AddressPolicy, Ipv4EmbeddedInIpv6IsJudgedByTheIpv4Address) {
  EXPECT_TRUE(is_private("::ffff:127.0.0.1"));
  EXPECT_TRUE(is_private("::ffff:10.0.0.1"));
  EXPECT_TRUE(is_private("64:ff9b::192.168.0.1"));
  EXPECT_TRUE(is_private("2002:0a00:0001::1"));
  EXPECT_TRUE(is_private("::10.0.0.1"));
  EXPECT_FALSE(is_private("::ffff:8.8.8.8"));
  EXPECT_FALSE(is_private("64:ff9b::8.8.8.8"));
}

TEST(AddressPolicy, AddressTextIsNumeric) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  ::inet_pton(AF_INET, "10.0.0.7", &v4.sin_addr);
  EXPECT_EQ(address_text(reinterpret_cast<sockaddr*>(&v4)), "10.0.0.7");
}

TEST(UrlOrigin, DefaultPortAndCaseAreNormalised) {
  EXPECT_EQ(origin_of("HTTP://Example.COM/feed"), origin_of("http://example.com:80/other?x"));
}

TEST(UrlOrigin, PortOrSchemeMakesADifferentOrigin) {
  EXPECT_NE(origin_of("http://example.com/"), origin_of("http://example.com:8080/"));
  EXPECT_NE(origin_of("http://example.com/"), origin_of("https://example.com/"));
}

TEST(UrlOrigin, UnparsableUrlHasNoOrigin) {
  EXPECT_FALSE(origin_of("not a url"));
  EXPECT_FALSE(origin_of(""));
}

}  // namespace
}  // namespace orrery::fetch
