#include "fetch/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>

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

// private_literal_host: the check made before each request, for transfers through a proxy.

std::string literal(const char* host) { return private_literal_host(host).value_or("public"); }

TEST(PrivateLiteralHost, DottedIpv4InAPrivateRangeIsRefused) {
  EXPECT_EQ(literal("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(literal("127.0.0.2"), "127.0.0.2");
  EXPECT_EQ(literal("10.0.0.5"), "10.0.0.5");
  EXPECT_EQ(literal("192.168.1.1"), "192.168.1.1");
  EXPECT_EQ(literal("169.254.169.254"), "169.254.169.254");
  EXPECT_EQ(literal("100.64.0.1"), "100.64.0.1");
  EXPECT_EQ(literal("0.0.0.0"), "0.0.0.0");
}

TEST(PrivateLiteralHost, OneDecimalNumberIsAnIpv4Address) {
  EXPECT_EQ(literal("2130706433"), "127.0.0.1");
  EXPECT_EQ(literal("167772165"), "10.0.0.5");
  EXPECT_EQ(literal("0"), "0.0.0.0");
}

TEST(PrivateLiteralHost, HexadecimalSpellingsAreIpv4Addresses) {
  EXPECT_EQ(literal("0x7f000001"), "127.0.0.1");
  EXPECT_EQ(literal("0X7F000001"), "127.0.0.1");
  EXPECT_EQ(literal("0x7f.0x0.0x0.0x1"), "127.0.0.1");
  EXPECT_EQ(literal("0xa.0.0.5"), "10.0.0.5");
}

TEST(PrivateLiteralHost, OctalSpellingsAreIpv4Addresses) {
  EXPECT_EQ(literal("0177.0.0.1"), "127.0.0.1");
  EXPECT_EQ(literal("0177.00.00.01"), "127.0.0.1");
  EXPECT_EQ(literal("012.0.0.5"), "10.0.0.5");
  EXPECT_EQ(literal("017700000001"), "127.0.0.1");
}

TEST(PrivateLiteralHost, ShortFormsFillTheRemainingBytesWithTheLastPart) {
  EXPECT_EQ(literal("127.1"), "127.0.0.1");
  EXPECT_EQ(literal("10.5"), "10.0.0.5");
  EXPECT_EQ(literal("192.168.257"), "192.168.1.1");
  EXPECT_EQ(literal("127.0x1"), "127.0.0.1");
  EXPECT_EQ(literal("10.0.0x5"), "10.0.0.5");
}

TEST(PrivateLiteralHost, PublicIpv4LiteralsInAnySpellingAreNotRefused) {
  for (const char* host : {"8.8.8.8", "134744072", "0x08080808", "010.010.010.010", "8.8.2056",
                           "172.32.0.1", "11.1"}) {
    EXPECT_FALSE(private_literal_host(host)) << host;
  }
}

TEST(PrivateLiteralHost, WhatLibcurlReadsAsANameIsLeftToTheResolver) {
  for (const char* host : {"example.com", "127.0.0.1.example.com", "256.0.0.1", "127.0.0.256",
                           "127.16777216", "4294967296", "1.2.3.4.5", "08.0.0.1", "0x", "127..1",
                           "+127.0.0.1", " 127.0.0.1", "0x7g000001", ""}) {
    EXPECT_FALSE(private_literal_host(host)) << host;
  }
}

TEST(PrivateLiteralHost, Ipv6LiteralsAreJudgedLikeResolvedAddresses) {
  EXPECT_EQ(literal("[::1]"), "::1");
  EXPECT_EQ(literal("::1"), "::1");
  EXPECT_EQ(literal("[fd00::1]"), "fd00::1");
  EXPECT_EQ(literal("[FE80::1]"), "fe80::1");
  EXPECT_EQ(literal("[fe80::1%25eth0]"), "fe80::1");
  EXPECT_EQ(literal("[::]"), "::");
  EXPECT_FALSE(private_literal_host("[2001:db8::1]"));
  EXPECT_FALSE(private_literal_host("[2a00:1450::1]"));
  EXPECT_FALSE(private_literal_host("[not:an:address]"));
}

TEST(PrivateLiteralHost, Ipv4MappedIpv6IsJudgedByTheIpv4Address) {
  EXPECT_EQ(literal("[::ffff:127.0.0.1]"), "::ffff:127.0.0.1");
  EXPECT_EQ(literal("[::ffff:7f00:1]"), "::ffff:127.0.0.1");
  EXPECT_EQ(literal("[::ffff:10.0.0.5]"), "::ffff:10.0.0.5");
  EXPECT_FALSE(private_literal_host("[::ffff:8.8.8.8]"));
}

TEST(PrivateLiteralHost, LocalhostAndItsSubdomainsAreRefusedWithoutResolving) {
  EXPECT_EQ(literal("localhost"), "localhost");
  EXPECT_EQ(literal("LocalHost"), "localhost");
  EXPECT_EQ(literal("feeds.localhost"), "feeds.localhost");
  EXPECT_FALSE(private_literal_host("localhost.example.com"));
  EXPECT_FALSE(private_literal_host("mylocalhost"));
}

TEST(PrivateLiteralHost, OneTrailingDotIsIgnored) {
  EXPECT_EQ(literal("localhost."), "localhost");
  EXPECT_EQ(literal("127.0.0.1."), "127.0.0.1");
  EXPECT_FALSE(private_literal_host("example.com."));
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
