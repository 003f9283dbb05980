// SPDX-License-Identifier: MIT
// The verdict when no rule found a pattern. "Nothing found" is only honest when something was
// read: an empty file, a binary or a log of commands dbgsift does not parse gets a sentence
// that says what was (not) analysed, and an input that could not be opened gets no verdict.
#include "report.hpp"

#include "../format/format.hpp"

#include <algorithm>
#include <map>

namespace dbgsift::report {
namespace {

constexpr std::size_t k_commands_named = 5;

// "!htrace -diff" -> "!htrace": the command as a reader would name it.
std::string command_word(std::string_view command) {
    auto const end = command.find_first_of(" \t");
    return std::string(command.substr(0, end));
}

} // namespace

Coverage coverage_of(model::Case const& c) {
    Coverage cov;
    std::map<std::string, std::size_t> unknown;
    for (auto const& in : c.inputs) {
        if (!in.error.empty()) {
            ++cov.unreadable;
            continue;
        }
        ++cov.readable;
        for (auto const& b : in.blocks) {
            if (b.parsed) {
                ++cov.known_blocks;
            } else if (auto word = command_word(b.command); !word.empty()) {
                ++unknown[word];
            }
        }
    }
    cov.unknown_commands.assign(unknown.begin(), unknown.end());
    std::stable_sort(cov.unknown_commands.begin(), cov.unknown_commands.end(),
                     [](auto const& a, auto const& b) { return a.second > b.second; });
    return cov;
}

std::string empty_verdict(model::Case const& c) {
    auto const cov = coverage_of(c);
    if (cov.readable == 0) {
        return cov.unreadable == 1 ? "No verdict: the input could not be read."
                                   : "No verdict: no input could be read.";
    }
    if (cov.known_blocks > 0) {
        return "No leak or contention pattern found in what was read.";
    }
    std::string seen;
    for (std::size_t i = 0; i < cov.unknown_commands.size() && i < k_commands_named; ++i) {
        auto const& [word, n] = cov.unknown_commands[i];
        seen += (i ? ", " : "; seen: ") + word + " \u00d7" + format::count(n);
    }
    if (cov.unknown_commands.size() > k_commands_named) {
        seen += ", +" + format::count(cov.unknown_commands.size() - k_commands_named) + " more";
    }
    return "Nothing dbgsift can read here (0 blocks of known commands" + seen + ").";
}

} // namespace dbgsift::report
