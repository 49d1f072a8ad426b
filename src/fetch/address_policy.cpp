#include "fetch/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "fetch/curl_handles.h"
#include "util/strings.h"

namespace orrery::fetch {

namespace {

struct V4Block {
  std::uint32_t network;
  int prefix;
};

constexpr std::uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::array<V4Block, 11> k_private_v4 = {{
    {ip4(0, 0, 0, 0), 8},       // "this network"
    {ip4(10, 0, 0, 0), 8},      // RFC 1918
    {ip4(100, 64, 0, 0), 10},   // CGNAT, RFC 6598
    {ip4(127, 0, 0, 0), 8},     // loopback
    {ip4(169, 254, 0, 0), 16},  // link-local
    {ip4(172, 16, 0, 0), 12},   // RFC 1918
    {ip4(192, 0, 0, 0), 24},    // IETF protocol assignments
    {ip4(192, 168, 0, 0), 16},  // RFC 1918
    {ip4(198, 18, 0, 0), 15},   // benchmarking
    {ip4(224, 0, 0, 0), 4},     // multicast
    {ip4(240, 0, 0, 0), 4},     // reserved, and the limited broadcast address
}};

bool is_private_v4(std::uint32_t host_order) {
  for (const auto& block : k_private_v4) {
    const std::uint32_t mask = ~std::uint32_t{0} << (32 - block.prefix);
    if ((host_order & mask) == block.network) {
      return true;
    }
  }
  return false;
}

std::uint32_t v4_at(const std::uint8_t* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}

bool all_zero(const std::uint8_t* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (b[i] != 0) {
      return false;
    }
  }
  return true;
}

bool is_private_v6(const std::uint8_t* b) {
  static constexpr std::uint8_t k_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr std::uint8_t k_nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, k_mapped, 12) == 0 || std::memcmp(b, k_nat64, 12) == 0 ||
      all_zero(b, 12)) {  // IPv4-mapped, NAT64, IPv4-compatible (and ::, ::1)
    return all_zero(b, 16) || is_private_v4(v4_at(b + 12)) || all_zero(b, 15);
  }
  if (b[0] == 0x20 && b[1] == 0x02) {  // 6to4: 2002:V4ADDR::/48
    return is_private_v4(v4_at(b + 2));
  }
  return (b[0] & 0xfe) == 0xfc                       // ULA fc00::/7
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)  // link-local fe80::/10
         || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)  // site-local fec0::/10
         || b[0] == 0xff;                            // multicast
}

}  // namespace

bool is_private_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    return is_private_v4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    return is_private_v6(v6.sin6_addr.s6_addr);
  }
  return true;
}

std::string address_text(const sockaddr* address) {
  char buf[INET6_ADDRSTRLEN] = "?";
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof v4);
    ::inet_ntop(AF_INET, &v4.sin_addr, buf, sizeof buf);
  } else if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof v6);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, buf, sizeof buf);
  }
  return buf;
}

std::optional<Origin> origin_of(const std::string& url) {
  UrlHandle handle(curl_url());
  if (!handle || curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  Origin origin;
  const std::pair<CURLUPart, std::string*> parts[] = {{CURLUPART_SCHEME, &origin.scheme},
                                                      {CURLUPART_HOST, &origin.host},
                                                      {CURLUPART_PORT, &origin.port}};
  for (const auto& [part, out] : parts) {
    char* value = nullptr;
    if (curl_url_get(handle.get(), part, &value, CURLU_DEFAULT_PORT) != CURLUE_OK) {
      return std::nullopt;
    }
    *out = util::to_lower(value);
    curl_free(value);
  }
  return origin;
}

}  // namespace orrery::fetch
