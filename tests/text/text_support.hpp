// SPDX-License-Identifier: MIT
// Test helpers for the text stage: run bytes through the decoder or the undresser, and build
// UTF-16 files from UTF-8 seeds (the way `.logopen /u` writes them).
#pragma once
#include "dbgsift/text/undress.hpp"

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace dbgsift::text::test {

struct Decoded {
    std::vector<Line> lines;
    std::vector<Marks> marks;  // each line's, as the decoder gave them
    std::string encoding;
};

inline Decoded decode_all(std::string const& bytes) {
    std::istringstream in(bytes);
    Decoder decoder(in);
    Decoded result;
    Line line;
    Marks marks = 0;
    while (decoder.next(line, marks)) {
        result.lines.push_back(line);
        result.marks.push_back(marks);
    }
    result.encoding = std::string(decoder.encoding());
    return result;
}

inline std::vector<Line> undress_all(std::string const& bytes) {
    std::istringstream in(bytes);
    Decoder decoder(in);
    Undresser undresser(decoder);
    std::vector<Line> lines;
    Line line;
    while (undresser.next(line)) {
        lines.push_back(line);
    }
    return lines;
}

// UTF-8 -> UTF-16 (LE or BE), optionally with a BOM. The seed is valid UTF-8.
inline std::string to_utf16(std::string const& utf8, bool bom, bool big_endian = false) {
    std::string out;
    auto const unit = [&](std::uint32_t u) {
        char const lo = static_cast<char>(u & 0xFF);
        char const hi = static_cast<char>(u >> 8);
        out.push_back(big_endian ? hi : lo);
        out.push_back(big_endian ? lo : hi);
    };
    if (bom) {
        unit(0xFEFF);
    }
    for (std::size_t i = 0; i < utf8.size();) {
        auto const b = static_cast<unsigned char>(utf8[i]);
        std::uint32_t cp = 0;
        std::size_t len = 1;
        if (b < 0x80) {
            cp = b;
        } else if (b < 0xE0) {
            cp = b & 0x1F;
            len = 2;
        } else if (b < 0xF0) {
            cp = b & 0x0F;
            len = 3;
        } else {
            cp = b & 0x07;
            len = 4;
        }
        for (std::size_t k = 1; k < len; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        i += len;
        if (cp >= 0x10000) {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}

} // namespace dbgsift::text::test
