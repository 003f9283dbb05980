// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <iterator>

namespace dbgsift::format {

// Every format string in this file is FMT_COMPILE("..."): parsed when compiled, not by fmt on
// every call (issue 14).

namespace {

// The helpers below append to the text being built: each function of this file makes its
// text in one string, not in a string per piece joined by operator+ (issue 14).

void append_integer(std::string& out, std::uint64_t n) {
    fmt::format_int const text(n);
    out.append(text.data(), text.size());
}

// The longest count written with its commas: 20 digits and 6 commas (18,446,744,073,709,551,615).
constexpr std::size_t k_max_grouped = 26;

// n's decimal digits in groups of three, on the stack: a caller that knows its text's length
// reserves it exactly, and a text that fits in std::string's inline buffer allocates nothing.
struct Grouped {
    std::array<char, k_max_grouped> text;
    std::size_t size;
    [[nodiscard]] std::string_view view() const { return {text.data(), size}; }
};

Grouped grouped(std::uint64_t n) {
    fmt::format_int const digits(n);
    Grouped out;  // the digits are written over the array, not zeroed first
    out.size = 0;
    // The first group holds what the groups of three after it leave over.
    auto until_comma = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    for (char const digit : std::string_view(digits.data(), digits.size())) {
        if (until_comma == 0) {
            out.text[out.size++] = ',';
            until_comma = 3;
        }
        out.text[out.size++] = digit;
        --until_comma;
    }
    return out;
}

void append_count(std::string& out, std::uint64_t n) { out.append(grouped(n).view()); }

// bytes / 2^shift written with `decimals` decimals, rounded as fmt's "{:.Nf}" rounds the exact
// value (to nearest, a tie to the even last digit), in integers: the size of every pool-tag
// suspect's sentence went through fmt's floating-point formatter before (issue 14).
// Needs bytes * 10^decimals below 2^64 (bytes < 2^53, decimals <= 2) and 0 < shift < 64.
void append_fixed_point(std::string& out, std::uint64_t bytes, unsigned shift, int decimals) {
    static constexpr std::array<std::uint64_t, 3> tens{1, 10, 100};
    std::uint64_t const scaled = bytes * tens[static_cast<std::size_t>(decimals)];
    std::uint64_t units = scaled >> shift;
    std::uint64_t const rest = scaled & ((std::uint64_t{1} << shift) - 1);
    std::uint64_t const half = std::uint64_t{1} << (shift - 1);
    if (rest > half || (rest == half && units % 2 == 1)) {
        ++units;
    }
    std::uint64_t const scale = tens[static_cast<std::size_t>(decimals)];
    append_integer(out, units / scale);
    if (decimals > 0) {
        out += '.';
        std::uint64_t const fraction = units % scale;
        if (decimals == 2 && fraction < 10) {
            out += '0';
        }
        append_integer(out, fraction);
    }
}

// Three significant digits: "1.99 GB", "24.0 MB", "587 MB".
void append_size(std::string& out, std::uint64_t bytes) {
    if (bytes < 1024) {
        append_integer(out, bytes);
        out += bytes == 1 ? " byte" : " bytes";
        return;
    }
    static constexpr std::array<char const*, 5> units{"KB", "MB", "GB", "TB", "PB"};
    static constexpr std::array<double, 3> scales{1.0, 10.0, 100.0};  // 10^decimals
    auto decimals = [](double v) { return v < 9.995 ? 2 : v < 99.95 ? 1 : 0; };
    auto shown = [&](double v) {
        double const scale = scales[static_cast<std::size_t>(decimals(v))];
        return std::round(v * scale) / scale;
    };
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    // Move up a unit when the value as printed would read 1024 or more.
    while (unit + 1 < units.size() && shown(value) >= 1024.0) {
        value /= 1024.0;
        ++unit;
    }
    // Below 2^53 the double is bytes / 1024^(unit + 1) exactly, so integers can round it.
    if (bytes < (std::uint64_t{1} << 53)) {
        append_fixed_point(out, bytes, 10 * static_cast<unsigned>(unit + 1), decimals(value));
        out += ' ';
        out += units[unit];
        return;
    }
    fmt::format_to(std::back_inserter(out), FMT_COMPILE("{:.{}f} {}"), value, decimals(value), units[unit]);
}

// "1f4": lower-case hex digits written by hand, what "{:x}" prints, without fmt's
// format-string parsing (an address or a handle in many sentences).
void append_bare_hex(std::string& out, std::uint64_t v) {
    std::array<char, 16> digits{};
    std::size_t first = digits.size();
    do {
        digits[--first] = "0123456789abcdef"[v % 16];
        v /= 16;
    } while (v != 0);
    out.append(digits.data() + first, digits.size() - first);
}

// Room for the longest a size, a count or a hex number is written, and the words between.
constexpr std::size_t k_cited_bytes = 64;

} // namespace

std::string count(std::uint64_t n) {
    std::string out;
    append_count(out, n);
    return out;
}

std::string count_of(std::uint64_t n, std::string_view noun) {
    Grouped const digits = grouped(n);
    std::string out;
    // The exact length: a reserve within the inline buffer's 15 bytes allocates nothing.
    out.reserve(digits.size + 1 + noun.size() + (n != 1 ? 1 : 0));
    out.append(digits.view());
    out += ' ';
    out.append(noun);
    if (n != 1) {
        out += 's';
    }
    return out;
}

std::string size(std::uint64_t bytes) {
    std::string out;
    append_size(out, bytes);
    return out;
}

std::string bytes_cited(std::uint64_t bytes) {
    if (bytes < 1024) {
        return size(bytes);
    }
    std::string out;
    out.reserve(k_cited_bytes);
    append_count(out, bytes);
    out += " bytes (";
    append_size(out, bytes);
    out += ')';
    return out;
}

std::string hex_bytes_cited(std::uint64_t bytes) {
    std::string out;
    out.reserve(k_cited_bytes);
    out += "0x";
    append_bare_hex(out, bytes);
    out += " bytes (";
    append_size(out, bytes);
    out += ')';
    return out;
}

std::string kb_cited(std::uint64_t kb) {
    std::string out;
    append_count(out, kb);
    out += " KB";  // below 1024 KB, "1,023 KB" at most: inline, no allocation
    if (kb >= 1024) {  // "124 KB (124 KB)" says it twice
        out.reserve(k_cited_bytes);
        out += " (";
        append_size(out, kb * 1024);
        out += ')';
    }
    return out;
}

std::string pages(std::uint64_t n, std::uint64_t page_bytes) {
    std::string out;
    out.reserve(k_cited_bytes);
    append_count(out, n);
    out += n == 1 ? " page (" : " pages (";
    append_size(out, n * page_bytes);
    out += ')';
    return out;
}

std::string percent(double share) {
    if (share >= 0.1 || share == 0) {
        double value = std::round(share * 100.0);
        if (share < 1.0 && value >= 100.0) {
            value = 99.0;  // a pool with a page left is not full
        }
        // A whole number is written as an integer: what "{:.0f}" prints for it, without
        // fmt's floating-point formatting (a sentence of every pool-tag suspect has one).
        if (value >= 0 && value < 1e15 && !std::signbit(value)) {
            std::string out;
            append_integer(out, static_cast<std::uint64_t>(value));
            out += '%';
            return out;
        }
        return fmt::format(FMT_COMPILE("{:.0f}%"), value);
    }
    return fmt::format(FMT_COMPILE("{:.1f}%"), share * 100.0);
}

std::string percent_points(double percent) { return fmt::format(FMT_COMPILE("{:.1f}%"), percent); }

std::string bare_hex(std::uint64_t v) {
    std::string out;
    append_bare_hex(out, v);  // 15 digits or fewer: no allocation
    return out;
}

std::string hex(std::uint64_t v) {
    std::string out;
    out += "0x";
    append_bare_hex(out, v);  // 18 bytes at most: one allocation past 15
    return out;
}

std::string hex(std::uint64_t v, int width) { return fmt::format(FMT_COMPILE("{:0{}x}"), v, width); }

std::string symbol_at(std::string name, std::optional<std::uint64_t> offset) {
    if (offset) {
        name += "+0x";  // appended: GCC 12 warns falsely of "+" + std::string&& at -O3
        append_bare_hex(name, *offset);
    }
    return name;
}

std::string score(double s) { return fmt::format(FMT_COMPILE("{:.2f}"), std::round(s * 1000.0) / 1000.0); }

std::string times(double ratio) { return fmt::format(FMT_COMPILE("x{:.1f}"), ratio); }

std::string fixed(double v, int decimals) { return fmt::format(FMT_COMPILE("{:.{}f}"), v, decimals); }

} // namespace dbgsift::format
