// SPDX-License-Identifier: MIT
// One line of a pooltag.txt-format file (the debugger's tag database or the user's own).
#pragma once
#include "../source.hpp"
#include <string>

namespace dbgsift::grammar::ast {

// "AfdB - afd.sys      - Afd data buffer", "Afd? - afd.sys - AFD objects", "Leak - myfault.sys"
struct pooltag_entry : source_span {
    std::string tag;          // may hold '?' and '*' wildcards
    std::string binary;
    std::string description;  // "" when the line has none
};

} // namespace dbgsift::grammar::ast
