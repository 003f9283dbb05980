// SPDX-License-Identifier: MIT
// The blanks that pad a table's columns or a key's value (tens between an !address label and its
// count, ten and more after a !vm counter's colon, some ten after a !cs key), read sixteen bytes
// a step where the next token's skip would take them a byte a step: the same blanks, so the rows
// read the same (issue 14). Only in the middle of a rule's sequence, before a token that skips
// blanks first and is no expectation point (whose failure would be reported after these blanks,
// not before them), never at a rule's end (its span would take them in).
#pragma once
#include "byte_run.hpp"

namespace dbgsift::grammar::common {

struct blank_byte {
    static constexpr byte_table taken = bytes_of(" \t");
};
// Read sixteen bytes a step (set_lanes::k_wide): a set that left it would read a byte a step
// without a word.
static_assert(set_lanes<blank_byte>::k_wide);

auto const blank_pad = x3::no_skip[-byte_run<blank_byte>{}];

} // namespace dbgsift::grammar::common
