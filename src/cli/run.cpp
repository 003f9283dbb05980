// SPDX-License-Identifier: MIT
#include "run.hpp"

#include "../dbgsift/cases/archive.hpp"
#include "../dbgsift/infer/rules.hpp"
#include "../dbgsift/merge/merge.hpp"
#include "../dbgsift/pipeline.hpp"
#include "../dbgsift/report/report.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace dbgsift::cli {
namespace {

// Writes to FILE through a temporary beside it, renamed only when complete, so a failed
// run never leaves half a report or destroys the previous one.
class Output {
public:
    explicit Output(std::string path) : m_path(std::move(path)) {
        if (!m_path.empty()) {
            m_temp = m_path + ".tmp." + std::to_string(::getpid());
            m_file.open(m_temp, std::ios::binary | std::ios::trunc);
        }
    }
    ~Output() {
        if (!m_committed && !m_temp.empty()) {
            std::error_code ec;
            std::filesystem::remove(m_temp, ec);
        }
    }
    bool ok() const { return m_path.empty() || m_file.good(); }
    std::ostream& stream() { return m_path.empty() ? std::cout : m_file; }
    bool commit() {
        if (m_path.empty()) {
            std::cout.flush();
            return std::cout.good();
        }
        m_file.close();
        if (!m_file) {
            return false;
        }
        std::error_code ec;
        std::filesystem::rename(m_temp, m_path, ec);
        m_committed = !ec;
        return m_committed;
    }

private:
    std::string m_path, m_temp;
    std::ofstream m_file;
    bool m_committed = false;
};

void set_log_level(int verbosity) {
    spdlog::set_level(verbosity < 0   ? spdlog::level::err
                      : verbosity > 0 ? spdlog::level::debug
                                      : spdlog::level::warn);
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

void show_progress(std::size_t done, std::size_t total) {
    std::fprintf(stderr, "\rdbgsift: %zu/%zu inputs", done, total);
    if (done == total) {
        std::fputc('\n', stderr);
    }
}

cases::Layout layout_of(Format f) {
    switch (f) {
    case Format::json: return cases::Layout::json;
    case Format::ndjson: return cases::Layout::ndjson;
    case Format::markdown: return cases::Layout::markdown;
    case Format::text: break;
    }
    return cases::Layout::text;
}

// NDJSON lines of earlier runs -> one summary; the lines stream, only the tallies are kept.
int run_merge(Options const& o, std::vector<std::string> const& paths) {
    merge::Summary summary;
    bool unreadable = false;
    for (auto const& path : paths) {
        if (path == "-") {
            summary.add_stream(std::cin, "-");
            continue;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            spdlog::error("{}: cannot read", path);
            unreadable = true;
            continue;
        }
        summary.add_stream(in, path);
    }
    for (auto const& problem : summary.problems()) {
        spdlog::warn("{}", problem);
    }
    Output out(o.output);
    out.stream() << (o.format == Format::json ? report::pretty(summary.to_json(o.top))
                                              : summary.to_text(o.top));
    if (!out.commit()) {
        spdlog::error("{}: cannot write the summary", o.output.empty() ? "stdout" : o.output);
        return 3;
    }
    return unreadable ? 3 : 0;
}

} // namespace

int run(Options const& o) {
    set_log_level(o.verbosity);
    if (o.merge) {
        return run_merge(o, expand_inputs(o.inputs));
    }
    infer::PoolTagDb pooltags;
    infer::Options io;
    if (!o.pooltag_file.empty()) {
        std::ifstream in(o.pooltag_file, std::ios::binary);
        if (!in) {
            spdlog::error("{}: cannot read the pool tag file", o.pooltag_file);
            return 3;
        }
        std::vector<diagnostic> diags;
        pooltags = infer::PoolTagDb::load(in, diags);
        for (auto const& d : diags) {
            spdlog::warn("{}:{}: {}", o.pooltag_file, d.line, d.message);
        }
        spdlog::debug("{}: {} pool tags", o.pooltag_file, pooltags.size());
        io.pooltags = &pooltags;
    }

    auto const paths = expand_inputs(o.inputs);
    if (paths.empty()) {
        spdlog::error("no input files found in {}", o.inputs.front());
        return 3;
    }
    Output out(o.output);
    if (!out.ok()) {
        spdlog::error("{}: cannot write the report", o.output);
        return 3;
    }
    bool const progress_bar = o.verbosity >= 0 && paths.size() > 1 && stderr_is_terminal();
    cases::Plan plan;
    plan.jobs = o.jobs;
    plan.joining = o.series ? cases::Joining::series : cases::Joining::per_file;
    plan.join_proven_machines = o.format != Format::ndjson;  // NDJSON: one object per input
    plan.layout = layout_of(o.format);
    plan.render.top = o.top;
    plan.render.color = o.color == Color::always ||
                        (o.color == Color::automatic && o.output.empty() && ::isatty(STDOUT_FILENO) == 1);
    plan.infer = io;
    if (progress_bar) {
        plan.progress = show_progress;
    }
    bool unreadable = false, failing = false;
    cases::CaseWriter writer(out.stream(), plan.layout);
    cases::run_cases(paths, plan, [&](cases::Outcome&& c) {
        for (auto const& [path, why] : c.unreadable) {
            spdlog::error("{}: cannot read: {}", path, why);
        }
        for (auto const& note : c.input_notes) {
            spdlog::debug("{}", note);
        }
        unreadable = unreadable || !c.unreadable.empty();
        failing = failing || (o.fail_on && c.worst && *c.worst >= *o.fail_on);
        writer.add(std::move(c));
    });
    writer.finish();
    if (!out.commit()) {
        spdlog::error("{}: cannot write the report", o.output.empty() ? "stdout" : o.output);
        return 3;
    }
    return unreadable ? 3 : failing ? 1 : 0;
}

} // namespace dbgsift::cli
