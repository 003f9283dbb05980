// SPDX-License-Identifier: MIT
// libFuzzer harness: every line of the input (at most 64 lines of 4 KiB) through every rule
// accessor of every grammar compiled into the project (listed at configure time by
// gen_rule_table.sh from grammars/meson.build), as a whole line and as a prefix.
#include "grammars/parse_line.hpp"
#include "rule_table.inc.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using namespace dbgsift;

template <typename Rule>
void run_rule(Rule const& rule, std::string_view line) {
    std::vector<diagnostic> diags;
    {
        typename Rule::attribute_type attr{};
        grammar::parse_line(line, 1, rule, attr, diags);
    }
    {
        typename Rule::attribute_type attr{};
        grammar::parse_prefix(line, 1, rule, attr, diags);
    }
    for (auto const& d : diags) {
        if (d.column > line.size()) {
            __builtin_trap();  // a diagnostic pointing past the line
        }
    }
}

void run_all_rules(std::string_view line) {
#define DBGSIFT_FUZZ_RULE(accessor) run_rule(grammar::accessor(), line);
    DBGSIFT_FUZZ_RULES
#undef DBGSIFT_FUZZ_RULE
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<char const*>(data), size);
    for (int n = 0; n < 64 && !rest.empty(); ++n) {
        auto const end = rest.find('\n');
        auto line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        run_all_rules(line.substr(0, 4096));
    }
    return 0;
}
