#pragma once
// A 128-bit identifier for aggregates, generated at random (RFC 4122 version 4).
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace es {

class Uuid {
public:
    Uuid() = default;  // the nil UUID, 00000000-0000-0000-0000-000000000000

    static Uuid random();  // a new version-4 UUID
    static Uuid parse(
        std::string_view text);  // throws es::Error unless "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"

    std::string to_string() const;  // lower-case hex, 36 characters
    bool is_nil() const;
    const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

    friend bool operator==(const Uuid&, const Uuid&) = default;
    // Written out rather than defaulted: libc++ before version 17 (Apple's clang among them) has no
    // operator<=> for std::array, so a defaulted one would be deleted there.
    friend std::strong_ordering operator<=>(const Uuid& a, const Uuid& b)
    {
        for (std::size_t i = 0; i < a.bytes_.size(); ++i) {
            if (a.bytes_[i] != b.bytes_[i]) {
                return a.bytes_[i] <=> b.bytes_[i];
            }
        }
        return std::strong_ordering::equal;
    }

private:
    std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace es

template <>
struct std::hash<es::Uuid> {
    std::size_t operator()(const es::Uuid& id) const noexcept;
};
