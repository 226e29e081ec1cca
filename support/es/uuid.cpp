#include "es/uuid.hpp"

#include "es/error.hpp"

#include <random>

#ifdef _WIN32
#include <process.h>
#else
#include <unistd.h>
#endif

namespace es {

namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long current_process()
{
#ifdef _WIN32
    return static_cast<long>(_getpid());
#else
    return static_cast<long>(getpid());
#endif
}

bool is_dash_position(std::size_t i)
{
    return i == 8 || i == 13 || i == 18 || i == 23;
}

}  // namespace

Uuid Uuid::random()
{
    // One generator per thread, seeded from the OS: cheap, and safe to use from any thread. A child
    // made by fork() starts with a copy of its parent's generator, so it reseeds: else parent and
    // child would hand out the same "random" ids.
    thread_local std::mt19937_64 generator;
    thread_local long seeded_in = -1;
    if (seeded_in != current_process()) {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        generator.seed(seed);
        seeded_in = current_process();
    }
    Uuid id;
    for (std::size_t i = 0; i < 16; i += 8) {
        const std::uint64_t word = generator();
        for (std::size_t j = 0; j < 8; ++j) id.bytes_[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
    }
    id.bytes_[6] = static_cast<std::uint8_t>((id.bytes_[6] & 0x0F) | 0x40);  // version 4
    id.bytes_[8] = static_cast<std::uint8_t>((id.bytes_[8] & 0x3F) | 0x80);  // RFC 4122 variant
    return id;
}

Uuid Uuid::parse(std::string_view text)
{
    const auto fail = [&] { return Error("not a UUID: '" + std::string(text.substr(0, 64)) + "'"); };
    if (text.size() != 36) throw fail();
    Uuid id;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < 36;) {
        if (is_dash_position(i)) {
            if (text[i] != '-') throw fail();
            ++i;
            continue;
        }
        const int high = hex_value(text[i]);
        const int low = hex_value(text[i + 1]);
        if (high < 0 || low < 0) throw fail();
        id.bytes_[byte++] = static_cast<std::uint8_t>(high * 16 + low);
        i += 2;
    }
    return id;
}

std::string Uuid::to_string() const
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += digits[bytes_[i] >> 4];
        text += digits[bytes_[i] & 0x0F];
    }
    return text;
}

bool Uuid::is_nil() const
{
    return *this == Uuid{};
}

}  // namespace es

std::size_t std::hash<es::Uuid>::operator()(const es::Uuid& id) const noexcept
{
    // The bytes are random already: folding them is a good enough hash.
    std::size_t h = 0;
    for (const auto b : id.bytes()) h = h * 31 + b;
    return h;
}
