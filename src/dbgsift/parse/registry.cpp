// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <string>

namespace dbgsift::parse {

std::vector<CommandSpec> const& command_specs() {
    // Most specific first: the first spec whose is_command/is_header says yes wins.
    static std::vector<CommandSpec> const specs = [] {
        std::vector<CommandSpec> all{vm_spec(),      poolused_spec(), process_spec(),
                                     handle_spec(),  heap_spec(),     mex_heap_spec(),
                                     umdh_spec(),    htrace_spec(),   poolfind_spec(), poolmon_spec(),
                                     address_spec(),  locks_spec(),
                                     lm_spec(),      search_spec()};
        std::erase_if(all, [](CommandSpec const& s) { return s.make == nullptr; });
        return all;
    }();
    return specs;
}

bool is_elision(std::string_view line) {
    auto const first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return true;  // blank
    }
    auto const last = line.find_last_not_of(" \t");
    auto const core = line.substr(first, last - first + 1);
    if (core.size() >= 2 && core.find_first_not_of('.') == std::string_view::npos) {
        return true;  // "..", "......": an elision, or a progress line of dots
    }
    return core == "[...]" || core == "[..]" || core == "..." || core == ".." ||
           core == "[ ... ]" || core == "<snip>" || core == "[snip]" || core == "(...)" ||
           core == "[...omitted...]" || core == "... [omitted]" || core == "[omitted]";
}

} // namespace dbgsift::parse
