// SPDX-License-Identifier: MIT
// How every number reaches a reader: one set of helpers on fmt, used by the renderers and
// by the sentences the rules write, so a size, a count or a share reads the same everywhere.
// Sizes use binary units (1 KB = 1024 bytes), as the debugger's own K columns do.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dbgsift::format {

// 30051809 -> "30,051,809"
std::string count(std::uint64_t n);
// (1, "block") -> "1 block", (25128, "block") -> "25,128 blocks": a count and its noun.
std::string count_of(std::uint64_t n, std::string_view noun);
// 1709486080 -> "1.59 GB", 40 -> "40 bytes"; three significant digits ("24.0 MB", "587 MB").
std::string size(std::uint64_t bytes);
// A size as the transcript printed it, with its reading: "615,424,000 bytes (587 MB)".
std::string bytes_cited(std::uint64_t bytes);
// The same for a size the debugger printed in hex (heap and pool blocks, UMDH):
// 0x156600 -> "0x156600 bytes (1.34 MB)", 0x40 -> "0x40 bytes (64 bytes)".
std::string hex_bytes_cited(std::uint64_t bytes);
// A debugger "K" value: 1669420 -> "1,669,420 KB (1.59 GB)".
std::string kb_cited(std::uint64_t kb);
// Pages with their byte size: 45882 -> "45,882 pages (179 MB)" (4 KB pages by default).
std::string pages(std::uint64_t n, std::uint64_t page_bytes = 4096);
// A share 0..1: "81%" from 10% up (and for 0), "0.4%" below, never "100%" short of the whole.
std::string percent(double share);
// A share of a whole already in percent (12.5 -> "12.5%"), one decimal.
std::string percent_points(double percent);
// "0x1f4"; bare_hex(0x1f4) -> "1f4"; hex(0x1f4, 4) -> "01f4" (bare, zero-padded).
std::string hex(std::uint64_t v);
std::string bare_hex(std::uint64_t v);
std::string hex(std::uint64_t v, int width);
// A symbol and its offset, as a frame prints them: "Driver!CreateRandomFile" and 0x13b ->
// "Driver!CreateRandomFile+0x13b" (!analyze's SYMBOL_NAME drops the "0x"); the name alone
// when there is no offset.
std::string symbol_at(std::string name, std::optional<std::uint64_t> offset);
// A culprit or finding score: two decimals, "0.35".
std::string score(double s);
// A ratio such as "x79.3" (one decimal).
std::string times(double ratio);
// A plain decimal with a fixed number of decimals: fixed(1.25, 1) -> "1.2".
std::string fixed(double v, int decimals = 1);

} // namespace dbgsift::format
