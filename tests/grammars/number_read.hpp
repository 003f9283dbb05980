// SPDX-License-Identifier: MIT
// What a number parser made of a text, for the tests that compare our own X3 number primitives
// (common::count, address, hex16, hex8) with the X3 forms they replace: yes or no, the value
// and where it stopped.
#pragma once
#include "grammars/common/common.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dbgsift::test {

struct NumberRead {
    bool ok = false;
    std::uint64_t value = 0;
    std::ptrdiff_t end = 0;
    bool operator==(NumberRead const&) const = default;
};

// `p` over `text`, with no skipper (the digits must start at once).
template <typename Parser>
NumberRead read_number(Parser const& p, std::string_view text) {
    NumberRead r;
    char const* first = text.data();
    r.ok = boost::spirit::x3::parse(first, text.data() + text.size(), p, r.value);
    r.end = first - text.data();
    return r;
}

// `p` over `text` with the grammars' blank skipper, as a rule reads a line.
template <typename Parser>
NumberRead read_number_skipping_blanks(Parser const& p, std::string_view text) {
    NumberRead r;
    char const* first = text.data();
    r.ok = boost::spirit::x3::phrase_parse(first, text.data() + text.size(), p, grammar::blank_run, r.value);
    r.end = first - text.data();
    return r;
}

} // namespace dbgsift::test
