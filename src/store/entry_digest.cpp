#include "store/entry_digest.h"

#include <bit>
#include <string_view>

namespace orrery::store::detail {
namespace {

class Fnv1a {
 public:
  void add(std::string_view bytes) {
    add_number(bytes.size());
    for (const char c : bytes) {
      add_byte(static_cast<unsigned char>(c));
    }
  }

  void add_number(std::uint64_t n) {
    for (int shift = 0; shift < 64; shift += 8) {
      add_byte(static_cast<unsigned char>(n >> shift));
    }
  }

  std::uint64_t value() const { return m_hash; }

 private:
  static constexpr std::uint64_t k_offset_basis = 14695981039346656037ULL;
  static constexpr std::uint64_t k_prime = 1099511628211ULL;

  void add_byte(unsigned char byte) {
    m_hash ^= byte;
    m_hash *= k_prime;
  }

  std::uint64_t m_hash = k_offset_basis;
};

}  // namespace

std::int64_t content_digest(const model::Entry& entry) {
  Fnv1a h;
  for (const std::string* field : {&entry.link, &entry.title_html, &entry.title_plain,
                                   &entry.summary_html, &entry.content_html, &entry.author.name,
                                   &entry.author.email, &entry.author.href, &entry.language}) {
    h.add(*field);
  }
  h.add_number(entry.tags.size());
  for (const std::string& tag : entry.tags) {
    h.add(tag);
  }
  h.add_number(entry.enclosures.size());
  for (const model::Enclosure& enclosure : entry.enclosures) {
    h.add(enclosure.href);
    h.add(enclosure.type);
    h.add_number(enclosure.length.has_value());  // an absent length differs from 0
    h.add_number(static_cast<std::uint64_t>(enclosure.length.value_or(0)));
  }
  return std::bit_cast<std::int64_t>(h.value());
}

}  // namespace orrery::store::detail
