// SPDX-License-Identifier: MIT
// Row shapes shared by several grammars.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <boost/container/small_vector.hpp>
#include <cstdint>

namespace dbgsift::grammar::ast {

// A typed command's options ("-p", "-a", "0x1234"), ranges into the line read: the usual few
// fit in place, where a vector of strings was grown a word at a time on every command line the
// reader asked about (issue 14).
using command_words = boost::container::small_vector<text_range, 8>;

// "Available Pages:   200189   (  800756 Kb)"
struct pages_kb {
    std::uint64_t pages = 0;
    std::uint64_t kb = 0;
};

} // namespace dbgsift::grammar::ast
