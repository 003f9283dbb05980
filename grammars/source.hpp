// SPDX-License-Identifier: MIT
// Source positions and diagnostics shared by every grammar; no Spirit here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace dbgsift {

// Where a parsed node came from: 1-based line in the original file, 0-based columns.
struct source_span {
    std::uint32_t line = 0;
    std::uint32_t col_begin = 0;
    std::uint32_t col_end = 0;
};

// A line the grammar could not read, or a value it refused (overflow, impossible number).
struct diagnostic {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::string message;
};

// Per-line state handed to a grammar through x3::with<line_context_tag>.
struct line_context {
    std::uint32_t line_number = 0;
    char const* line_begin = nullptr;
    std::vector<diagnostic>* diagnostics = nullptr;
};

} // namespace dbgsift
