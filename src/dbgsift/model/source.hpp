// SPDX-License-Identifier: MIT
// Where a model value came from: which input file of the case, which line of it.
#pragma once
#include <cstdint>
#include <string>

namespace dbgsift::model {

struct Loc {
    std::uint32_t file = 0;  // index into Case::inputs
    std::uint32_t line = 0;  // 1-based line in the original file; 0 = unknown
    friend bool operator==(Loc const&, Loc const&) = default;
};

// A number read from the transcript, with the line it came from.
template <typename T>
struct Sourced {
    T value{};
    Loc loc{};
};

// A line dbgsift could not read, or a value it refused: the grammars' diagnostics as the
// parse layer hands them to the model (parse::BlockContext).
struct Diagnostic {
    std::uint32_t line = 0;
    std::uint32_t column = 0;  // 0-based
    std::string message;
};

} // namespace dbgsift::model
