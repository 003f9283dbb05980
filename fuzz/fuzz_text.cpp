// SPDX-License-Identifier: MIT
// libFuzzer harness: bytes -> Decoder -> Undresser. Besides crashes and sanitizer reports it
// traps when a promise of the text stage breaks: line numbers never go back, lines stay
// bounded, the text is valid UTF-8 with no control character but tab.
#include "dbgsift/text/undress.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

namespace {

using namespace dbgsift::text;

bool plain_utf8(std::string const& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto const b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                return false;
            }
            ++i;
            continue;
        }
        std::size_t const len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
        if (len == 0 || b > 0xF4 || i + len > s.size()) {
            return false;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
                return false;
            }
        }
        i += len;
    }
    return true;
}

// A decoded byte may grow to 3 bytes (U+FFFD); the undresser only shortens.
constexpr std::size_t k_most_bytes = 3 * k_max_line_bytes;

template <typename Source>
void check_lines(Source& source) {
    Line line;
    std::uint32_t last = 0;
    while (source.next(line)) {
        if (line.number < last || line.number == 0 || line.text.size() > k_most_bytes ||
            !plain_utf8(line.text)) {
            __builtin_trap();
        }
        last = line.number;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string const bytes(reinterpret_cast<char const*>(data), size);
    {
        std::istringstream in(bytes);
        Decoder decoder(in);
        check_lines(decoder);
    }
    {
        std::istringstream in(bytes);
        Decoder decoder(in);
        Undresser undresser(decoder);
        check_lines(undresser);
    }
    return 0;
}
