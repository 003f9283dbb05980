// SPDX-License-Identifier: MIT
// A text a rule reads in place (x3::raw into a range of the line), for an attribute the caller
// only compares, or trims and copies itself: no string is built that nobody keeps.
#pragma once
#include <boost/range/iterator_range_core.hpp>
#include <string_view>

namespace dbgsift::grammar {

using text_range = boost::iterator_range<char const*>;

// The range's bytes (valid while the line read is).
inline std::string_view view(text_range text) { return {text.begin(), text.end()}; }

} // namespace dbgsift::grammar
