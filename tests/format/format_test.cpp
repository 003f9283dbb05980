// SPDX-License-Identifier: MIT
// The number helpers, on values taken from real transcripts (file:line in each comment).
#include "dbgsift/format/format.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace f = dbgsift::format;

TEST_CASE("format: counts are grouped by thousands") {
    CHECK(f::count(0) == "0");
    CHECK(f::count(999) == "999");
    CHECK(f::count(1000) == "1,000");
    CHECK(f::count(30051809) == "30,051,809");
}

TEST_CASE("format: sizes in binary units, the raw value kept where cited") {
    CHECK(f::size(0) == "0 bytes");
    CHECK(f::size(40) == "40 bytes");
    CHECK(f::size(1024) == "1.00 KB");
    CHECK(f::size(25165824) == "24.0 MB");
    CHECK(f::size(1048512) == "1.00 MB");  // 1023.9 KB would print as "1024 KB"
    // corpus/acceptance/seed003-leak.log: the Leak tag holds 615424000 bytes.
    CHECK(f::size(615424000) == "587 MB");
    CHECK(f::bytes_cited(615424000) == "615,424,000 bytes (587 MB)");
    CHECK(f::bytes_cited(112) == "112 bytes");
    // corpus/heap/018.txt: the dominant block size, printed "156600" (hex) by !heap -stat.
    CHECK(f::hex_bytes_cited(0x156600) == "0x156600 bytes (1.34 MB)");
    CHECK(f::hex_bytes_cited(0x40) == "0x40 bytes (64 bytes)");
    // A heap committing 1669420K (issue 13's example).
    CHECK(f::kb_cited(1669420) == "1,669,420 KB (1.59 GB)");
    CHECK(f::kb_cited(124) == "124 KB");  // corpus/heap/005.txt:14
    CHECK(f::size(1023ull * 1024 * 1024 + 1000 * 1024) == "1.00 GB");  // never "1024 MB"
}

TEST_CASE("format: pages carry their byte size") {
    // issue 13's example: 45882 of a 50570-page commit limit.
    CHECK(f::pages(45882) == "45,882 pages (179 MB)");
    CHECK(f::pages(1) == "1 page (4.00 KB)");
}

TEST_CASE("format: shares, hex, scores") {
    CHECK(f::percent(0.81) == "81%");
    CHECK(f::percent(0.0) == "0%");
    CHECK(f::percent(0.004) == "0.4%");
    CHECK(f::percent(0.999) == "99%");  // not full while a page is left
    CHECK(f::percent(1.0) == "100%");
    CHECK(f::percent_points(12.5) == "12.5%");
    CHECK(f::hex(0x1f4) == "0x1f4");
    CHECK(f::bare_hex(0x1f4) == "1f4");
    CHECK(f::hex(0x4, 4) == "0004");
    // SYMBOL_NAME:  Driver!CreateRandomFile+13b (corpus/pool/005.txt)
    CHECK(f::symbol_at("Driver!CreateRandomFile", 0x13b) == "Driver!CreateRandomFile+0x13b");
    CHECK(f::symbol_at("Driver", std::nullopt) == "Driver");
    CHECK(f::score(0.356) == "0.36");
    CHECK(f::score(0.7929) == "0.79");
    CHECK(f::times(79.3) == "x79.3");
    CHECK(f::fixed(2.25, 1) == "2.2");
}

// percent writes a whole share as an integer rather than through fmt's "{:.0f}": the same text
// for every share of a count of a few thousand, the ends, and the values no integer can stand for.
TEST_CASE("format: a whole percentage reads as fmt's {:.0f} would print it") {
    auto by_fmt = [](double share) {
        if (share >= 0.1 || share == 0) {
            double value = std::round(share * 100.0);
            if (share < 1.0 && value >= 100.0) {
                value = 99.0;
            }
            return fmt::format("{:.0f}%", value);
        }
        return fmt::format("{:.1f}%", share * 100.0);
    };
    for (std::uint64_t total : {1u, 3u, 7u, 100u, 1000u, 4097u}) {
        for (std::uint64_t part = 0; part <= 3 * total; ++part) {
            double const share = static_cast<double>(part) / static_cast<double>(total);
            CHECK(f::percent(share) == by_fmt(share));
        }
    }
    for (double share : {-0.0, 0.1, 0.105, 0.995, 0.9999, 1.0, 12345.678, 1e13, 1e20,
                         std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
        CHECK(f::percent(share) == by_fmt(share));
    }
}

// size rounds in integers rather than through fmt's "{:.Nf}". The old formatting is kept here as
// the reference: every size below 64 KB, the values around each unit's rounding edges and exact
// ties (3200 bytes is 3.125 KB, a tie fmt breaks to the even "3.12"), and a spread of large ones.
TEST_CASE("format: a size reads as fmt's floating-point formatting printed it") {
    auto by_fmt = [](std::uint64_t bytes) {
        if (bytes < 1024) {
            return fmt::format("{} {}", bytes, bytes == 1 ? "byte" : "bytes");
        }
        static constexpr char const* units[] = {"KB", "MB", "GB", "TB", "PB"};
        auto decimals = [](double v) { return v < 9.995 ? 2 : v < 99.95 ? 1 : 0; };
        auto shown = [&](double v) {
            double const scale = std::pow(10.0, decimals(v));
            return std::round(v * scale) / scale;
        };
        double value = static_cast<double>(bytes) / 1024.0;
        std::size_t unit = 0;
        while (unit + 1 < 5 && shown(value) >= 1024.0) {
            value /= 1024.0;
            ++unit;
        }
        return fmt::format("{:.{}f} {}", value, decimals(value), units[unit]);
    };
    CHECK(f::size(3200) == "3.12 KB");
    CHECK(f::size(3200) == by_fmt(3200));
    for (std::uint64_t bytes = 0; bytes < 65536; ++bytes) {
        REQUIRE(f::size(bytes) == by_fmt(bytes));
    }
    for (unsigned shift = 10; shift <= 50; shift += 10) {
        std::uint64_t const unit = std::uint64_t{1} << shift;
        for (std::uint64_t whole : {1u, 9u, 10u, 99u, 100u, 1023u}) {
            for (std::uint64_t step = 0; step <= 400; ++step) {
                // Around whole units, and around every tie of 2 and 1 decimals below them.
                std::uint64_t const base = whole * unit;
                for (std::uint64_t bytes : {base + step, base - step, base + step * (unit / 400),
                                            base + step * (unit / 200) + unit / 400}) {
                    REQUIRE(f::size(bytes) == by_fmt(bytes));
                }
            }
        }
    }
    std::uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 200000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::uint64_t const bytes = x >> (x % 64);  // every magnitude, up to 2^64 - 1
        REQUIRE(f::size(bytes) == by_fmt(bytes));
    }
}

// hex and bare_hex write their digits by hand; fmt's "{:#x}" and "{:x}" are the reference.
TEST_CASE("format: hex reads as fmt's {:#x} printed it") {
    CHECK(f::hex(0) == "0x0");
    CHECK(f::bare_hex(0xffffffffffffffffull) == "ffffffffffffffff");
    std::uint64_t x = 0x2545f4914f6cdd1dull;
    for (int i = 0; i < 20000; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::uint64_t const v = x >> (x % 64);
        REQUIRE(f::hex(v) == fmt::format("{:#x}", v));
        REQUIRE(f::bare_hex(v) == fmt::format("{:x}", v));
        REQUIRE(f::hex_bytes_cited(v) == fmt::format("{:#x} bytes ({})", v, f::size(v)));
    }
}
