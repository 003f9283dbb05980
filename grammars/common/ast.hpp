// SPDX-License-Identifier: MIT
// Row shapes shared by several grammars.
#pragma once
#include "../source.hpp"
#include <cstdint>

namespace dbgsift::grammar::ast {

// "Available Pages:   200189   (  800756 Kb)"
struct pages_kb {
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
};

} // namespace dbgsift::grammar::ast
