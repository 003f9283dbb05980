// SPDX-License-Identifier: MIT
#include "prose.hpp"

#include "../text/ascii.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace dbgsift::segment {

namespace {
// Sentence punctuation that may stick to a word without making it an identifier.
constexpr bool is_sentence_mark(unsigned char c) {
    return c == ',' || c == '.' || c == '\'' || c == ':' || c == '(' || c == ')' || c == '?' ||
           c == ';' || c == '"' || c == '-' || c == '!';
}

// What a byte is to the rule below: a byte ASCII calls space ends a word; a letter (a lower-case
// ASCII one, or a byte of another script: annotations read as prose too) counts as one, and so
// does a capital, which keeps its word plain only as its first byte; a digit counts as one and,
// as any byte that is neither a letter nor a sentence mark, makes its word unplain.
enum class ByteClass : unsigned char { space, letter, capital, digit, unplain_mark, sentence_mark };

constexpr ByteClass class_of(unsigned char c) {
    auto const ch = static_cast<char>(c);
    if (text::is_ascii_space(ch)) {
        return ByteClass::space;
    }
    if (text::is_ascii_upper(ch)) {
        return ByteClass::capital;
    }
    if (text::is_ascii_lower(ch) || c >= 0x80) {
        return ByteClass::letter;
    }
    if (text::is_ascii_digit(ch)) {
        return ByteClass::digit;
    }
    return is_sentence_mark(c) ? ByteClass::sentence_mark : ByteClass::unplain_mark;
}

// Where a line is between two bytes: before a word (or between words), in a word that is
// plain so far, in one that is not. Named apart, unscoped: a state is a number, k_step's row.
namespace word_state {
enum : unsigned { between, in_plain, in_unplain };
} // namespace word_state

// What one byte adds to a line's counts, by the state before it, with the state after it:
// letters (an ASCII letter or a byte past ASCII) from bit 0, digits from bit 21, plain words
// closed from bit 42 (the counts of k_chunk_bytes fit in their 21 or 20 bits), and the next
// state from bit 62 (adding those up overflows only past bit 63). Every line its block did not
// understand comes here (issue 14): one lookup and one add a byte, where asking each byte's
// role in turn cost some nineteen instructions a byte.
constexpr unsigned k_digits_at = 21;
constexpr unsigned k_words_at = 42;
constexpr unsigned k_state_at = 62;
// A line is summed a chunk at a time: one made plain may be longer than text::k_max_line_bytes
// (Windows-1252 bytes become two or three bytes of UTF-8).
constexpr std::size_t k_chunk_bytes = std::size_t{1} << 20;
static_assert(k_chunk_bytes < (std::size_t{1} << k_digits_at) &&
                  k_chunk_bytes / 2 + 1 < (std::size_t{1} << (k_state_at - k_words_at)),
              "a chunk's counts fit their bits");

// [state * 256 + byte]
constexpr std::array<std::uint64_t, 3 * 256> k_step = [] {
    std::array<std::uint64_t, 3 * 256> step{};
    using namespace word_state;
    for (unsigned state = between; state <= in_unplain; ++state) {
        for (std::size_t b = 0; b < 256; ++b) {
            auto const cls = class_of(static_cast<unsigned char>(b));
            std::uint64_t next = in_plain;
            std::uint64_t closes = 0;  // a plain word
            if (cls == ByteClass::space) {
                next = between;
                closes = state == in_plain ? 1 : 0;
            } else if (state == in_unplain || cls == ByteClass::digit || cls == ByteClass::unplain_mark ||
                       (cls == ByteClass::capital && state != between)) {
                next = in_unplain;
            }
            auto const counts = cls == ByteClass::letter || cls == ByteClass::capital ? std::uint64_t{1}
                                : cls == ByteClass::digit ? std::uint64_t{1} << k_digits_at
                                                          : 0;
            step[state * 256 + b] = counts | (closes << k_words_at) | (next << k_state_at);
        }
    }
    return step;
}();
} // namespace

bool looks_like_prose(std::string_view line) {
    std::size_t letters = 0, digits = 0, plain_words = 0;
    std::size_t row = word_state::between * 256;
    for (auto rest = line; !rest.empty();) {
        auto const chunk = rest.substr(0, k_chunk_bytes);
        rest.remove_prefix(chunk.size());
        std::uint64_t sums = 0;
        for (char const ch : chunk) {
            auto const step = k_step[row + static_cast<unsigned char>(ch)];
            sums += step;
            row = static_cast<std::size_t>(step >> k_state_at) * 256;
        }
        auto const field = [sums](unsigned at, unsigned bits) {
            return static_cast<std::size_t>((sums >> at) & ((std::uint64_t{1} << bits) - 1));
        };
        letters += field(0, k_digits_at);
        digits += field(k_digits_at, k_words_at - k_digits_at);
        plain_words += field(k_words_at, k_state_at - k_words_at);
    }
    plain_words += row / 256 == word_state::in_plain;  // the last word
    if (letters <= digits * 4) {
        return false;
    }
    // "Paged and non-paged pool usage is far from maximum therefore we check session pool:"
    if (plain_words >= 6 && letters >= 25) {
        return true;
    }
    // "Heap stays the same:" — a short sentence introducing the next command.
    auto const last = line.find_last_not_of(" \t");
    bool const sentence_end = last != std::string_view::npos && (line[last] == ':' || line[last] == '.');
    return plain_words >= 4 && letters >= 12 && sentence_end;
}

} // namespace dbgsift::segment
