// SPDX-License-Identifier: MIT
#include "run.hpp"

#include "../dbgsift/cases/archive.hpp"
#include "../dbgsift/infer/rules.hpp"
#include "../dbgsift/merge/merge.hpp"
#include "../dbgsift/pipeline.hpp"
#include "../dbgsift/report/report.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include <cerrno>
#include <cstdio>
#include <cstring>
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
            if (!m_file) {
                m_why = std::strerror(errno);
            }
        }
    }
    ~Output() {
        if (!m_committed && !m_temp.empty()) {
            std::error_code ec;
            std::filesystem::remove(m_temp, ec);
        }
    }
    bool ok() const { return m_path.empty() || m_file.good(); }
    // Why the report cannot be written ("No such file or directory").
    std::string const& why() const { return m_why; }
    std::ostream& stream() { return m_path.empty() ? std::cout : m_file; }
    bool commit() {
        if (m_path.empty()) {
            std::cout.flush();
            if (!std::cout.good()) {
                m_why = "standard output is closed or full";
            }
            return std::cout.good();
        }
        m_file.close();
        if (!m_file) {
            m_why = "the temporary file could not be written";
            return false;
        }
        std::error_code ec;
        std::filesystem::rename(m_temp, m_path, ec);
        m_committed = !ec;
        if (ec) {
            m_why = ec.message();
        }
        return m_committed;
    }

private:
    std::string m_path, m_temp, m_why;
    std::ofstream m_file;
    bool m_committed = false;
};

void set_log_level(int verbosity) {
    spdlog::set_level(verbosity < 0   ? spdlog::level::err
                      : verbosity > 0 ? spdlog::level::debug
                                      : spdlog::level::warn);
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

// The progress line on a terminal: redrawn at most ten times a second, with the rate and
// the time left, and erased when the run ends so the prompt lands on a clean line.
class Progress {
public:
    void operator()(std::size_t done, std::size_t total) {
        auto const now = std::chrono::steady_clock::now();
        if (done < total && m_started && now - m_last < std::chrono::milliseconds(100)) {
            return;
        }
        m_started = true;
        m_last = now;
        m_drawn = true;
        double const seconds = std::chrono::duration<double>(now - m_start).count();
        double const rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
        std::string line = fmt::format("dbgsift: {}/{} inputs", done, total);
        if (rate > 0) {
            line += fmt::format(", {:.1f}/s, about {:.0f} s left", rate,
                                static_cast<double>(total - done) / rate);
        }
        std::fprintf(stderr, "\r\033[K%s", line.c_str());
        std::fflush(stderr);
    }
    // Erase the line before anything else is printed: the report and the prompt follow.
    void clear() {
        if (m_drawn) {
            std::fputs("\r\033[K", stderr);
            std::fflush(stderr);
            m_drawn = false;
        }
    }
    ~Progress() { clear(); }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_last{};
    bool m_drawn = false;
    bool m_started = false;  // drawn once: later draws wait their 100 ms even after a clear()
};

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
        std::ifstream file;
        if (path != "-") {
            file.open(path, std::ios::binary);
            if (!file) {
                spdlog::error("{}: cannot read: {}", path, std::strerror(errno));
                unreadable = true;
                continue;
            }
        }
        auto const tally = summary.add_stream(path == "-" ? std::cin : file, path);
        if (tally.cases == 0 && tally.bad_lines > 0) {
            // A transcript or any other file given to --merge by mistake: one error, not one
            // warning per line.
            summary.forget_problems(path);
            spdlog::error("{}: not dbgsift NDJSON: none of its {} lines is a dbgsift/1 object "
                          "(write one with --format ndjson)",
                          path, tally.bad_lines);
            unreadable = true;
        }
    }
    for (auto const& problem : summary.problems()) {
        spdlog::warn("{}", problem);
    }
    if (unreadable && summary.cases() == 0) {
        return 3;  // nothing to summarise: the errors above say why
    }
    Output out(o.output);
    if (!out.ok()) {
        spdlog::error("{}: cannot write the summary: {}", o.output, out.why());
        return 3;
    }
    out.stream() << (o.format == Format::json ? report::pretty(summary.to_json(o.top))
                                              : summary.to_text(o.top));
    if (!out.commit()) {
        spdlog::error("{}: cannot write the summary: {}", o.output.empty() ? "stdout" : o.output,
                      out.why());
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

    std::vector<std::string> skipped;
    std::vector<std::string> hidden;
    auto const paths = expand_inputs(o.inputs, &skipped, &hidden);
    for (auto const& entry : hidden) {  // .git, .DS_Store: no news at the default verbosity
        spdlog::debug("left out {}: hidden (its name starts with '.'; name it to read it)", entry);
    }
    if (!skipped.empty()) {
        for (auto const& entry : skipped) {
            spdlog::debug("skipped {}", entry);
        }
        spdlog::warn("skipped {} {} that {} not a regular file{}", skipped.size(),
                     skipped.size() == 1 ? "folder entry" : "folder entries",
                     skipped.size() == 1 ? "is" : "are",
                     o.verbosity > 0 ? "" : " (-v names them)");
    }
    if (paths.empty()) {
        spdlog::error("no input files found in {}", o.inputs.front());
        return 3;
    }
    Output out(o.output);
    if (!out.ok()) {
        spdlog::error("{}: cannot write the report: {}", o.output, out.why());
        return 3;
    }
    bool const progress_bar = o.verbosity >= 0 && paths.size() > 1 && stderr_is_terminal();
    Progress progress;
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
        plan.progress = std::ref(progress);
    }
    // The report goes to the same terminal as the progress line: erase it before each case.
    bool const messages_share_terminal = o.output.empty() && ::isatty(STDOUT_FILENO) == 1;
    bool unreadable = false, failing = false;
    cases::CaseWriter writer(out.stream(), plan.layout);
    cases::run_cases(paths, plan, [&](cases::Outcome&& c) {
        if (messages_share_terminal || !c.unreadable.empty()) {
            progress.clear();  // the messages and the report follow on the terminal
        }
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
    progress.clear();
    writer.finish();
    if (!out.commit()) {
        spdlog::error("{}: cannot write the report: {}", o.output.empty() ? "stdout" : o.output,
                      out.why());
        return 3;
    }
    return unreadable ? 3 : failing ? 1 : 0;
}

} // namespace dbgsift::cli
