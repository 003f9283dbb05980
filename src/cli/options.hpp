// SPDX-License-Identifier: MIT
// The command line, through Boost.ProgramOptions.
#pragma once
#include "../dbgsift/infer/finding.hpp"
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dbgsift::cli {

enum class Format { text, json, ndjson, markdown };
enum class Color { automatic, always, never };

struct Options {
    std::vector<std::string> inputs;
    Format format = Format::text;
    std::size_t top = 10;
    std::string pooltag_file;
    unsigned jobs = 0;   // 0: all cores
    int verbosity = 0;  // -1 quiet, 0 normal, 1 verbose
    std::optional<infer::Severity> fail_on;
    std::string output;  // empty: stdout
    Color color = Color::automatic;
    bool merge = false;  // inputs are dbgsift NDJSON; print one archive-wide summary
    bool series = false; // join every input into one case (one machine over time)
};

// Options, or the exit code to leave with (0 after --help/--version, 2 on a usage error).
std::variant<Options, int> parse_options(int argc, char const* const* argv);

} // namespace dbgsift::cli
