// SPDX-License-Identifier: MIT
#include "finding.hpp"

#include <array>

// The one string table of each closed set inference names: severities, pattern ids, culprit
// kinds, in the order of their enums (finding.hpp). The JSON contract prints these spellings.
namespace dbgsift::infer {

namespace {
constexpr std::array<std::string_view, 5> k_names{"info", "low", "medium", "high", "critical"};

constexpr std::array<std::string_view, 14> k_patterns{
    "nonpaged-pool-exhaustion", "paged-pool-exhaustion", "session-pool-exhaustion",
    "commit-limit-exhaustion",  "pool-tag-leak",         "handle-leak",
    "process-memory-leak",      "heap-leak",             "virtual-memory-leak",
    "stack-trace-database-growth", "high-contention", "deadlock",
    "heap-corruption", "pool-corruption"};
static_assert(k_patterns.size() == static_cast<std::size_t>(Pattern::pool_corruption) + 1);

constexpr std::array<std::string_view, 9> k_culprit_kinds{
    "pooltag", "process", "module", "lock", "session", "heap", "region", "handle_type", "function"};
static_assert(k_culprit_kinds.size() == static_cast<std::size_t>(CulpritKind::function) + 1);
} // namespace

std::string_view to_string(Pattern p) { return k_patterns[static_cast<std::size_t>(p)]; }
std::string_view to_string(CulpritKind k) { return k_culprit_kinds[static_cast<std::size_t>(k)]; }

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
