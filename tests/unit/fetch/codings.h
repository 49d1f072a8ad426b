#pragma once
// Test encoders for Content-Encoding: gzip, zlib ("deflate"), bare deflate, brotli.

#include <string>
#include <string_view>

namespace orrery::fetch::test {

std::string gzip_bytes(std::string_view data);
std::string zlib_bytes(std::string_view data);   // RFC 1950, HTTP's "deflate"
std::string raw_deflate(std::string_view data);  // RFC 1951, what some servers send instead
std::string brotli_bytes(std::string_view data);
// A body of `n` feed items, different enough that it does not compress to nothing.
std::string feed_items(int n);

}  // namespace orrery::fetch::test
