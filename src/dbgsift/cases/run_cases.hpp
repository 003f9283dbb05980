// SPDX-License-Identifier: MIT
// What one case is, and the run over many inputs. By default each input file is its own case;
// files join into one time series only when the user says so (Joining::series) or when the
// logs prove one machine (identity.hpp). Reading, analysis and rendering run on the library's
// one worker pool (work_queue.hpp); the cases come back in input order, one at a time, so
// memory holds a window of cases, never the archive.
#pragma once
#include "../infer/rules.hpp"
#include "../report/report.hpp"
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dbgsift::cases {

enum class Joining {
    per_file,  // each file its own case, unless the logs prove one machine
    series,    // every input one time series (--series)
};

enum class Layout { text, json, ndjson, markdown };

// Which inputs were read as one case, and why. One input: no join.
struct Join {
    std::vector<std::string> inputs;  // in time order
    std::string reason;               // "--series says so, ordered by the debug session time each log prints"
    bool joined() const { return inputs.size() > 1; }
};

// A case kept whole until its report is written: its JSON document then goes to the output as
// it is made (report::write_json), rather than sitting whole in memory beside the model.
struct Analysed {
    model::Case c;
    infer::Report r;
    report::RenderOptions render;
};

// One case after analysis: its rendered report and what the archive summary needs of it.
struct Outcome {
    std::vector<std::string> inputs;  // its input paths, in the order read
    Join join;
    std::string rendered;  // Layout::text and Layout::markdown
    // Layout::ndjson: the case's line. Layout::json: the same line, laid out as it is written,
    // unless the case is kept whole (analysed) to be written at delivery.
    report::JsonLine line;
    std::unique_ptr<Analysed> analysed;
    std::size_t findings = 0;
    std::optional<infer::Severity> worst;  // the most severe finding's severity
    std::string headline;                  // the most severe finding's pattern
    std::vector<std::string> patterns;     // every pattern found, once each
    std::vector<std::pair<std::string, std::string>> unreadable;  // path, why
    std::vector<std::string> input_notes;  // one line per readable input, for --verbose
};

// Past this many transcript lines a case keeps its model until its JSON document is written,
// and the document goes straight to the output as it is made. On the bench archive a document
// takes about 70 bytes a line of transcript: past 2^17 lines (about 5 MB of transcript) it
// outgrows the 8 MiB a JSON writer keeps between documents, and would sit whole in memory
// beside the model (a 1 GiB transcript's is 40 MB compact, 58 MB laid out; issue 14).
constexpr std::uint64_t k_stream_json_above_lines = std::uint64_t{1} << 17;

struct Plan {
    unsigned jobs = 1;
    Joining joining = Joining::per_file;
    bool join_proven_machines = true;  // NDJSON keeps one object per input: false
    Layout layout = Layout::text;
    report::RenderOptions render;
    std::uint64_t stream_json_above_lines = k_stream_json_above_lines;  // tests lower it
    infer::Options infer;
    std::function<void(std::size_t done, std::size_t total)> progress;  // on the calling thread
};

// Reads, analyses and renders `paths` as cases; `deliver` gets each case in input order on
// the calling thread.
void run_cases(std::vector<std::string> const& paths, Plan const& plan,
               std::function<void(Outcome&&)> const& deliver);

// One case's report in `layout`, stating the join when there is one. A case of one input
// is exactly the single-case renderer's output.
std::string render_case(Layout layout, model::Case const& c, infer::Report const& r,
                        Join const& join, report::RenderOptions const& o);
// The same for Layout::ndjson, in the buffer the line was written in (no copy).
report::JsonLine render_case_line(model::Case const& c, infer::Report const& r, Join const& join,
                                  report::RenderOptions const& o);

} // namespace dbgsift::cases
