// SPDX-License-Identifier: MIT
// fmt::format of a compiled format string (FMT_COMPILE), written into fmt's buffer on the
// stack and copied into its string once: fmt::format(FMT_COMPILE(...)) appends to a
// std::string through a back_inserter, reallocating it as a sentence grows (issue 14).
#pragma once
#include <fmt/compile.h>
#include <fmt/format.h>

#include <iterator>
#include <string>
#include <utility>

namespace dbgsift::format {

template <typename CompiledFormat, typename... Args>
std::string compiled(CompiledFormat const& format, Args&&... args) {
    fmt::memory_buffer text;  // 500 bytes inline: longer text grows it, as fmt::format's own
    fmt::format_to(std::back_inserter(text), format, std::forward<Args>(args)...);
    return std::string(text.data(), text.size());
}

} // namespace dbgsift::format
