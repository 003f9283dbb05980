// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include "../text/trim.hpp"

#include <string>

namespace dbgsift::parse {

std::vector<CommandSpec> const& command_specs() {
    // In the registry's order (commands.hpp): most specific first.
    static std::vector<CommandSpec> const specs = [] {
#define DBGSIFT_MAKE_SPEC(name) name##_spec(),
        std::vector<CommandSpec> all{DBGSIFT_COMMANDS(DBGSIFT_MAKE_SPEC)};
#undef DBGSIFT_MAKE_SPEC
        std::erase_if(all, [](CommandSpec const& s) { return s.make == nullptr; });
        return all;
    }();
    return specs;
}

bool is_elision(std::string_view line) {
    auto const first = text::first_non_blank(line);
    if (first == line.size()) {
        return true;  // blank
    }
    if (!may_be_elision(line[first])) {
        return false;  // most lines leave here
    }
    auto const core = text::trim(line);  // (its end trimmed only for the few that are left)
    if (core.size() >= 2 && core.find_first_not_of('.') == std::string_view::npos) {
        return true;  // "..", "......": an elision, or a progress line of dots
    }
    return core == "[...]" || core == "[..]" || core == "..." || core == ".." ||
           core == "[ ... ]" || core == "<snip>" || core == "[snip]" || core == "(...)" ||
           core == "[...omitted...]" || core == "... [omitted]" || core == "[omitted]";
}

} // namespace dbgsift::parse
