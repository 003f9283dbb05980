// SPDX-License-Identifier: MIT
#include "format.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace dbgsift::format {

std::string count(std::uint64_t n) {
    fmt::format_int const text(n);  // the digits on the stack, not in a string of their own
    std::string_view const digits(text.data(), text.size());
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string count_of(std::uint64_t n, std::string_view noun) {
    return count(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// Three significant digits: "1.99 GB", "24.0 MB", "587 MB".
std::string size(std::uint64_t bytes) {
    if (bytes < 1024) {
        return fmt::format("{} {}", bytes, bytes == 1 ? "byte" : "bytes");
    }
    static constexpr std::array<char const*, 5> units{"KB", "MB", "GB", "TB", "PB"};
    auto decimals = [](double v) { return v < 9.995 ? 2 : v < 99.95 ? 1 : 0; };
    auto shown = [&](double v) {
        double const scale = std::pow(10.0, decimals(v));
        return std::round(v * scale) / scale;
    };
    double value = static_cast<double>(bytes) / 1024.0;
    std::size_t unit = 0;
    // Move up a unit when the value as printed would read 1024 or more.
    while (unit + 1 < units.size() && shown(value) >= 1024.0) {
        value /= 1024.0;
        ++unit;
    }
    return fmt::format("{:.{}f} {}", value, decimals(value), units[unit]);
}

std::string bytes_cited(std::uint64_t bytes) {
    if (bytes < 1024) {
        return size(bytes);
    }
    return count(bytes) + " bytes (" + size(bytes) + ")";
}

std::string hex_bytes_cited(std::uint64_t bytes) {
    return fmt::format("{:#x} bytes ({})", bytes, size(bytes));
}

std::string kb_cited(std::uint64_t kb) {
    if (kb < 1024) {
        return fmt::format("{} KB", count(kb));  // "124 KB (124 KB)" says it twice
    }
    return fmt::format("{} KB ({})", count(kb), size(kb * 1024));
}

std::string pages(std::uint64_t n, std::uint64_t page_bytes) {
    return fmt::format("{} {} ({})", count(n), n == 1 ? "page" : "pages", size(n * page_bytes));
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
            return fmt::format_int(static_cast<std::uint64_t>(value)).str() + '%';
        }
        return fmt::format("{:.0f}%", value);
    }
    return fmt::format("{:.1f}%", share * 100.0);
}

std::string percent_points(double percent) { return fmt::format("{:.1f}%", percent); }

std::string hex(std::uint64_t v) { return fmt::format("{:#x}", v); }

std::string bare_hex(std::uint64_t v) { return fmt::format("{:x}", v); }

std::string hex(std::uint64_t v, int width) { return fmt::format("{:0{}x}", v, width); }

std::string score(double s) { return fmt::format("{:.2f}", std::round(s * 1000.0) / 1000.0); }

std::string times(double ratio) { return fmt::format("x{:.1f}", ratio); }

std::string fixed(double v, int decimals) { return fmt::format("{:.{}f}", v, decimals); }

} // namespace dbgsift::format
