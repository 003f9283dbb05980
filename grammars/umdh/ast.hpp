// SPDX-License-Identifier: MIT
// Row shapes of a UMDH log comparison (`umdh log1 log2`, `umdh -d`), kept as printed.
// Numbers stay text: UMDH prints hex by default and decimal with -d, and a line alone
// does not always say which; parse/umdh.cpp decides per block.
#pragma once
#include "../source.hpp"
#include <boost/optional.hpp>
#include <string>

namespace dbgsift::grammar::ast {

enum class umdh_sign { grew, shrank };

// "+ 5320 (f110 - 9df0) 3a allocs BackTrace00053"
// "+       483328 ( 487424 -   4096)   119 allocs      BackTrace23FF"
// "+          118 (    119 -      1)     BackTrace23FF allocations"
struct umdh_trace : source_span {
    umdh_sign sign = umdh_sign::grew;
    std::string delta, after, before;
    boost::optional<std::string> allocs;  // "3a allocs" on a byte line
    std::string backtrace;                // "00053", "23FF"
    bool allocation_counts = false;       // the "... BackTraceX allocations" line
};

// "Total increase == 5320", "Total decrease == 10"
struct umdh_total : source_span {
    umdh_sign sign = umdh_sign::grew;
    std::string amount;
};

} // namespace dbgsift::grammar::ast
