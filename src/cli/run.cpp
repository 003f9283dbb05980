// SPDX-License-Identifier: MIT
#include "run.hpp"

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
#include <thread>
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
        if (done < total && m_drawn && now - m_last < std::chrono::milliseconds(100)) {
            return;
        }
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
};

bool report_input_errors(model::Case const& c) {
    bool any = false;
    for (auto const& in : c.inputs) {
        if (!in.error.empty()) {
            spdlog::error("{}: cannot read: {}", in.path, in.error);
            any = true;
        } else {
            spdlog::debug("{}: {} lines ({}), {} blocks, {} of {} lines of known commands read, "
                          "{} diagnostics",
                          in.path, in.lines, in.encoding, in.blocks.size(), in.lines_understood,
                          in.lines_in_known_blocks, in.diagnostics.size());
        }
    }
    return any;
}

bool fails(infer::Report const& r, std::optional<infer::Severity> fail_on) {
    if (!fail_on) {
        return false;
    }
    for (auto const& f : r.findings) {
        if (f.severity >= *fail_on) {
            return true;
        }
    }
    return false;
}

std::string render(Options const& o, model::Case const& c, infer::Report const& r) {
    report::RenderOptions ro;
    ro.top = o.top;
    ro.color = o.color == Color::always ||
               (o.color == Color::automatic && o.output.empty() && ::isatty(STDOUT_FILENO) == 1);
    switch (o.format) {
    case Format::json: return report::render_json(c, r, ro);
    case Format::ndjson: return report::render_ndjson(c, r, ro);
    case Format::markdown: return report::render_markdown(c, r, ro);
    case Format::text: break;
    }
    return report::render_text(c, r, ro);
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
    auto const paths = expand_inputs(o.inputs, &skipped);
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
    bool unreadable = false, failing = false;

    if (o.format == Format::ndjson) {
        // One case per input, written in input order; memory holds a window of inputs only.
        std::size_t const window = std::max<std::size_t>(1, o.jobs) * 4;
        for (std::size_t first = 0; first < paths.size(); first += window) {
            std::size_t const last = std::min(paths.size(), first + window);
            std::vector<std::string> batch(paths.begin() + static_cast<std::ptrdiff_t>(first),
                                           paths.begin() + static_cast<std::ptrdiff_t>(last));
            std::vector<std::string> rendered(batch.size());
            std::vector<std::jthread> workers;
            std::atomic<std::size_t> next{0};
            std::vector<char> bad(batch.size(), 0), hit(batch.size(), 0);
            auto work = [&] {
                for (std::size_t i = next++; i < batch.size(); i = next++) {
                    auto const c = read_path(batch[i], 0);
                    auto const r = infer::analyze(c, io);
                    bad[i] = !c.inputs.front().error.empty();
                    hit[i] = fails(r, o.fail_on);
                    rendered[i] = render(o, c, r);
                }
            };
            for (unsigned t = 0; t < std::min<std::size_t>(o.jobs, batch.size()); ++t) {
                workers.emplace_back(work);
            }
            workers.clear();
            progress.clear();
            for (std::size_t i = 0; i < batch.size(); ++i) {
                if (bad[i]) {
                    spdlog::error("{}: cannot read", batch[i]);
                }
                unreadable = unreadable || bad[i];
                failing = failing || hit[i];
                out.stream() << rendered[i];
            }
            if (progress_bar) {
                progress(last, paths.size());
            }
        }
    } else {
        auto const c = read_all(paths, o.jobs,
                                progress_bar ? std::function<void(std::size_t, std::size_t)>(
                                                   std::ref(progress))
                                             : std::function<void(std::size_t, std::size_t)>());
        progress.clear();
        unreadable = report_input_errors(c);
        auto const r = infer::analyze(c, io);
        failing = fails(r, o.fail_on);
        out.stream() << render(o, c, r);
    }
    if (!out.commit()) {
        spdlog::error("{}: cannot write the report: {}", o.output.empty() ? "stdout" : o.output,
                      out.why());
        return 3;
    }
    return unreadable ? 3 : failing ? 1 : 0;
}

} // namespace dbgsift::cli
