// SPDX-License-Identifier: MIT
// Blog, ticket and mail prose between commands: not debugger output, not a parse failure.
#pragma once
#include <string_view>

namespace dbgsift::segment {

// True for a line that reads as an English sentence: several lower-case words and
// sentence punctuation, few digits. Debugger rows are mostly numbers and identifiers.
bool looks_like_prose(std::string_view line);

} // namespace dbgsift::segment
