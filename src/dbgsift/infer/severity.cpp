// SPDX-License-Identifier: MIT
#include "finding.hpp"

#include <array>

namespace dbgsift::infer {

namespace {
constexpr std::array<std::string_view, 5> k_names{"info", "low", "medium", "high", "critical"};
}

std::string_view to_string(Severity s) { return k_names[static_cast<std::size_t>(s)]; }

bool parse_severity(std::string_view text, Severity& out) {
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (k_names[i] == text) {
            out = static_cast<Severity>(i);
            return true;
        }
    }
    return false;
}

} // namespace dbgsift::infer
