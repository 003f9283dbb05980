// SPDX-License-Identifier: MIT
// The bugcheck summary of `!analyze` / `!analyze -v`: the lines that name the stop and the
// module it is blamed on. Everything else the extension prints is left alone.
#pragma once
#include "../source.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::grammar::ast {

// "BAD_POOL_HEADER (19)", "KERNEL_MODE_HEAP_CORRUPTION (13a)"
struct bugcheck_title : source_span {
    std::string name;
    std::uint64_t code = 0;
};

// "Arg1: 0000000000000022, ", "Arg3: ffffe2809abee000, Address at which the corruption was detected"
struct bugcheck_arg : source_span {
    std::uint64_t index = 0;  // 1..4
    std::uint64_t value = 0;
};

// "BUGCHECK_CODE:  19"
struct bugcheck_code : source_span {
    std::uint64_t code = 0;
};

enum class analyze_name_key { module_name, image_name };

// "MODULE_NAME: Driver", "IMAGE_NAME:  Driver.sys"
struct analyze_name : source_span {
    analyze_name_key key = analyze_name_key::module_name;
    std::string value;
};

// "SYMBOL_NAME:  Driver+1170", "SYMBOL_NAME:  Driver!CreateRandomFile+13b"
struct analyze_symbol : source_span {
    std::string module;
    std::string function;  // "" for "module+offset"
    std::optional<std::uint64_t> offset;
};

// "BugCheck 19, {3, fffff88005fec160, fffff88005fec160, fffff88005fcc160}": the short form
// `!analyze` (and the dump's load banner) prints.
struct bugcheck_short : source_span {
    std::uint64_t code = 0;
    std::vector<std::uint64_t> args;
};

// "Probably caused by : Pool_Corruption ( nt!ExDeferredFreePool+a56 )"
struct analyze_probable : source_span {
    std::string image;
    std::optional<analyze_symbol> symbol;
};

} // namespace dbgsift::grammar::ast
