// SPDX-License-Identifier: MIT
#include "options.hpp"
#include "allocator.hpp"
#include "dbgsift_version.hpp"

#include "../dbgsift/work_queue.hpp"

#include <boost/program_options.hpp>
#include <cctype>
#include <filesystem>
#include <iostream>

namespace dbgsift::cli {
namespace po = boost::program_options;

namespace {

constexpr std::string_view k_usage = "Usage: dbgsift [OPTION]... [FILE|FOLDER|-]...\n"
                                     "Rank the pool tags, processes, modules and locks behind a "
                                     "leak or contention\nin saved WinDbg / KD / CDB transcripts.\n";

int usage_error(std::string const& what) {
    std::cerr << "dbgsift: " << what << "\nTry 'dbgsift --help'.\n";
    return 2;
}

std::string lower(std::string s) {
    for (char& ch : s) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return s;
}

// "-o case.md" without --format means Markdown; any other name keeps the text report.
std::string format_for_output(std::string const& output) {
    auto const ext = lower(std::filesystem::path(output).extension().string());
    if (ext == ".json") {
        return "json";
    }
    if (ext == ".ndjson" || ext == ".jsonl") {
        return "ndjson";
    }
    if (ext == ".md" || ext == ".markdown") {
        return "md";
    }
    return "text";
}

} // namespace

std::variant<Options, int> parse_options(int argc, char const* const* argv) {
    Options o;
    std::string format, color = "auto", fail_on;
    long jobs = 0;  // 0: one per core
    po::options_description visible("Options");
    visible.add_options()
        ("help,h", "print this help and exit")
        ("version", "print the version and exit")
        ("format,f", po::value(&format)->value_name("FMT"),
         "report format: text (default), json, ndjson (one object per case), md; each "
         "input file is its own case")
        ("top,n", po::value(&o.top)->value_name("N"), "rows per ranking (default 10)")
        ("pooltag", po::value(&o.pooltag_file)->value_name("FILE"),
         "pool tag descriptions in pooltag.txt format")
        ("jobs,j", po::value(&jobs)->value_name("N"),
         "read N inputs at once (default and 0: all cores)")
        ("series", "the inputs are one machine's snapshots: join them into one case, ordered by "
                   "the debug session time each log prints (or as given when one lacks it)")
        ("output,o", po::value(&o.output)->value_name("FILE"),
         "write the report to FILE (atomically: a temporary file renamed when complete); "
         "without --format, a .json, .ndjson or .md name chooses the format")
        ("fail-on", po::value(&fail_on)->value_name("SEVERITY"),
         "exit 1 when a finding of any case is at least SEVERITY (info, low, medium, high, "
         "critical; any case)")
        ("color", po::value(&color)->value_name("WHEN"), "colour the text report: auto, always, never")
        ("merge", "the inputs are NDJSON from earlier runs: merge them into one archive-wide "
                  "summary (text or json)")
        ("quiet,q", "only errors on stderr")
        ("verbose,v", "progress details on stderr");
    po::options_description hidden;
    hidden.add_options()("input", po::value(&o.inputs));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        return usage_error(e.what());
    }
    if (vm.count("help") != 0) {
        std::cout << k_usage << "\n" << visible
                  << "\nExit status: 0 done, 1 a finding at or above --fail-on, 2 usage error,\n"
                     "3 an input could not be read. See dbgsift(1).\n";
        return 0;
    }
    if (vm.count("version") != 0) {
        std::cout << "dbgsift " << k_version << " (JSON schema " << k_schema << ")\n"
                  << "allocator: " << allocator_name() << "\n";
        return 0;
    }
    if (format.empty()) {
        format = format_for_output(o.output);
    }
    if (format == "text") {
        o.format = Format::text;
    } else if (format == "json") {
        o.format = Format::json;
    } else if (format == "ndjson") {
        o.format = Format::ndjson;
    } else if (format == "md" || format == "markdown") {
        o.format = Format::markdown;
    } else {
        return usage_error("unknown --format '" + format + "' (text, json, ndjson, md)");
    }
    if (color == "auto") {
        o.color = Color::automatic;
    } else if (color == "always") {
        o.color = Color::always;
    } else if (color == "never") {
        o.color = Color::never;
    } else {
        return usage_error("unknown --color '" + color + "' (auto, always, never)");
    }
    if (!fail_on.empty()) {
        infer::Severity s{};
        if (!infer::parse_severity(lower(fail_on), s)) {
            return usage_error("unknown --fail-on '" + fail_on +
                               "' (info, low, medium, high, critical)");
        }
        o.fail_on = s;
    }
    if (o.top == 0) {
        return usage_error("--top must be at least 1");
    }
    if (jobs < 0 || jobs > 1024) {
        return usage_error("--jobs must be 0 (one per core) or a count from 1 to 1024, not " +
                           std::to_string(jobs));
    }
    o.jobs = jobs == 0 ? default_jobs() : static_cast<unsigned>(jobs);
    if (vm.count("quiet") != 0 && vm.count("verbose") != 0) {
        return usage_error("--quiet and --verbose contradict each other");
    }
    o.verbosity = vm.count("quiet") != 0 ? -1 : vm.count("verbose") != 0 ? 1 : 0;
    o.merge = vm.count("merge") != 0;
    o.series = vm.count("series") != 0;
    if (o.merge && o.series) {
        return usage_error("--series joins transcripts; --merge reads NDJSON summaries");
    }
    if (o.merge && o.format != Format::text && o.format != Format::json) {
        return usage_error("--merge writes text or json");
    }
    if (o.inputs.empty()) {
        return usage_error("no input: name files, folders, or - for standard input");
    }
    return o;
}

} // namespace dbgsift::cli
