#pragma once
// A small Result<T, E> with std::expected's names (GCC 12's libstdc++ lacks <expected> in C++20).
// Expected failures (network errors, bad XML, bad config values) travel as values of this type;
// exceptions are kept for broken environments and invariants (docs/architecture.md, "Errors").

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace orrery::util {

// The error every orrery stage reports: one line, fit to show a person as it is
// (`feed https://x/feed.xml: fetch: HTTP 410 Gone`).
struct Error {
  std::string message;
};

template <typename E>
class Unexpected {
 public:
  explicit Unexpected(E error) : m_error(std::move(error)) {}
  const E& error() const& { return m_error; }
  E&& error() && { return std::move(m_error); }

 private:
  E m_error;
};

// Builds the failure value of any Result<T, Error> from one message line.
inline Unexpected<Error> unexpected(std::string message) {
  return Unexpected<Error>(Error{std::move(message)});
}

template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  using value_type = T;
  using error_type = E;

  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Unexpected<E> error)                                         // NOLINT: implicit by design
      : m_v(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Precondition for value(), operator* and operator->: has_value(). Violations throw
  // std::bad_variant_access, an invariant failure.
  T& value() & { return std::get<0>(m_v); }
  const T& value() const& { return std::get<0>(m_v); }
  T&& value() && { return std::get<0>(std::move(m_v)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !has_value().
  const E& error() const& { return std::get<1>(m_v); }
  E&& error() && { return std::get<1>(std::move(m_v)); }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, E> m_v;
};

// Result<void>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(Unexpected<E> error) : m_error(std::move(error).error()), m_failed(true) {}  // NOLINT

  bool has_value() const { return !m_failed; }
  explicit operator bool() const { return has_value(); }
  const E& error() const& { return m_error; }

 private:
  E m_error{};
  bool m_failed = false;
};

}  // namespace orrery::util
