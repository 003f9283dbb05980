// SPDX-License-Identifier: MIT
// The archive document's nesting as it was first written: pretty text with every line moved
// right, its final newline dropped. The streaming layout (report::PrettyJson's margin) is
// checked against it.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace dbgsift::test {

inline std::string moved_right(std::string_view text, std::size_t spaces, bool first_line = true) {
    std::string out;
    bool line_start = first_line;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            if (i + 1 == text.size()) {
                break;
            }
            out += '\n';
            line_start = true;
            continue;
        }
        if (line_start) {
            out.append(spaces, ' ');
            line_start = false;
        }
        out += text[i];
    }
    return out;
}

} // namespace dbgsift::test
