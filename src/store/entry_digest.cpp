#include "store/entry_digest.h"

#include <bit>
#include <cstring>
#include <string_view>

namespace orrery::store::detail {
namespace {

// MurmurHash64A's mixing, eight bytes at a time: re-checking 20,000 unchanged entries (95 MB of
// HTML) must take a few milliseconds, which a byte-at-a-time hash cannot. Not cryptographic: a
// feed that forges a collision only keeps its own stale text. Bytes are read little-endian so
// stored digests do not depend on the machine.
class Digest {
 public:
  void add(std::string_view bytes) { combine(hash(bytes)); }
  void add_number(std::uint64_t n) { combine(mix(n)); }
  std::uint64_t value() const { return m_state; }

 private:
  static constexpr std::uint64_t k_m = 0xc6a4a7935bd1e995ULL;
  static constexpr int k_r = 47;

  static std::uint64_t mix(std::uint64_t k) {
    k *= k_m;
    k ^= k >> k_r;
    return k * k_m;
  }

  static std::uint64_t load(const char* p, std::size_t n) {
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < n; ++i) {
      word |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    return word;
  }

  static std::uint64_t load8(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::big) {
      word = __builtin_bswap64(word);
    }
    return word;
  }

  // Length-seeded, so moving text from one field to the next changes the digest. Long fields
  // go through four independent lanes (32-byte stripes), so the multiplications overlap
  // instead of waiting on each other.
  static std::uint64_t hash(std::string_view bytes) {
    std::uint64_t h = bytes.size() * k_m;
    const char* p = bytes.data();
    std::size_t left = bytes.size();
    if (left >= 32) {
      std::uint64_t lane[4] = {h, h ^ 1, h ^ 2, h ^ 3};
      for (; left >= 32; p += 32, left -= 32) {
        for (int i = 0; i < 4; ++i) {
          lane[i] = (lane[i] ^ mix(load8(p + 8 * i))) * k_m;
        }
      }
      for (const std::uint64_t l : lane) {
        h = (h ^ mix(l)) * k_m;
      }
    }
    for (; left >= 8; p += 8, left -= 8) {
      h ^= mix(load8(p));
      h *= k_m;
    }
    if (left > 0) {
      h ^= load(p, left);
      h *= k_m;
    }
    h ^= h >> k_r;
    h *= k_m;
    return h ^ (h >> k_r);
  }

  void combine(std::uint64_t h) {
    m_state ^= h;
    m_state *= k_m;
    m_state ^= m_state >> k_r;
  }

  std::uint64_t m_state = 0x9e3779b97f4a7c15ULL;
};

void add_person(Digest& d, const model::Person& person) {
  d.add(person.name);
  d.add(person.email);
  d.add(person.href);
}

void add_people(Digest& d, const std::vector<model::Person>& people) {
  d.add_number(people.size());
  for (const model::Person& person : people) {
    add_person(d, person);
  }
}

void add_links(Digest& d, const std::vector<model::Link>& links) {
  d.add_number(links.size());
  for (const model::Link& link : links) {
    for (const std::string* field : {&link.rel, &link.type, &link.href, &link.title}) {
      d.add(*field);
    }
    d.add_number(link.length.has_value());
    d.add_number(static_cast<std::uint64_t>(link.length.value_or(0)));
  }
}

void add_categories(Digest& d, const std::vector<model::Tag>& tags) {
  d.add_number(tags.size());
  for (const model::Tag& tag : tags) {
    d.add(tag.term);
    d.add(tag.scheme);
    d.add(tag.label);
  }
}

// The source, but for its updated date and planet_bozo: a feed whose date moves on every poll,
// or that is well-formed on one poll and not on the next, should not rewrite every entry it
// lists. (They are stored whenever the entry is.)
void add_source(Digest& d, const model::Source& source) {
  for (const std::string* field :
       {&source.id, &source.title_html, &source.title_plain, &source.subtitle_html, &source.link,
        &source.icon, &source.logo, &source.rights_html, &source.language}) {
    d.add(*field);
  }
  add_person(d, source.author);
  add_people(d, source.contributors);
  add_links(d, source.links);
  add_categories(d, source.categories);
  for (const auto& [name, value] : source.planet) {
    if (name != "bozo") {
      d.add(name);
      d.add(value);
    }
  }
}

}  // namespace

// Never 0: a digest of 0 marks a row migrated from an older schema (migrations.cpp).
std::int64_t content_digest(const model::Entry& entry) {
  Digest d;
  for (const std::string* field :
       {&entry.link, &entry.title_html, &entry.title_plain, &entry.summary_html,
        &entry.content_html, &entry.author.name, &entry.author.email, &entry.author.href,
        &entry.language, &entry.rights_html}) {
    d.add(*field);
  }
  d.add_number(entry.tags.size());
  for (const std::string& tag : entry.tags) {
    d.add(tag);
  }
  d.add_number(entry.enclosures.size());
  for (const model::Enclosure& enclosure : entry.enclosures) {
    d.add(enclosure.href);
    d.add(enclosure.type);
    d.add_number(enclosure.length.has_value());  // an absent length differs from 0
    d.add_number(static_cast<std::uint64_t>(enclosure.length.value_or(0)));
  }
  for (model::TextType type : {entry.title_type, entry.summary_type, entry.content_type}) {
    d.add_number(static_cast<std::uint64_t>(type));
  }
  add_people(d, entry.contributors);
  add_links(d, entry.links);
  add_categories(d, entry.categories);
  d.add_number(entry.geo.has_value());
  if (entry.geo) {
    d.add_number(std::bit_cast<std::uint64_t>(entry.geo->latitude));
    d.add_number(std::bit_cast<std::uint64_t>(entry.geo->longitude));
  }
  d.add_number(entry.extensions.size());
  for (const auto& [name, value] : entry.extensions) {
    d.add(name);
    d.add(value);
  }
  add_source(d, entry.source);
  const std::int64_t digest = std::bit_cast<std::int64_t>(d.value());
  return digest == 0 ? 1 : digest;
}

}  // namespace orrery::store::detail
