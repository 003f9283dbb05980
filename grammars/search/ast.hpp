// SPDX-License-Identifier: MIT
// Memory search (`s -a`, `s -b`, `s -d`, `s -u`, alone or under !for_each_module).
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// What `s` looks for: the letter after the dash ("-a" ascii, "-u" unicode, "-d" dwords ...).
enum class search_kind { ascii, byte, dword, qword, unicode, word };

// `!for_each_module s -a @#Base @#End "Leak"` -> kind ascii, pattern "Leak"
struct search_command {
    search_kind kind = search_kind::byte;
    std::string pattern;    // the quoted text, "" when the command searched for values
};

// "fffff880`044b63aa  4c 65 61 6b 3b c1 0f 42-c1 41 8d 49 fd 8b d0 ff  Leak;..B.A.I...."
struct memory_hit : source_span {
    std::uint64_t address = 0;
    std::string text;       // the character column
};

} // namespace dbgsift::grammar::ast
