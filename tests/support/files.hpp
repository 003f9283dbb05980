// SPDX-License-Identifier: MIT
// Test helpers: a whole file as bytes, every corpus file and its lines, and a whole block fed
// to one command's parser.
#pragma once
#include "dbgsift/parse/block_parser.hpp"
#include "dbgsift/text/trim.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dbgsift::test {

// The bytes of a file, "" when it cannot be read (the test's own checks then fail).
inline std::string slurp(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every file under `root` (any extension: the corpus-wide property tests hold on any bytes),
// in a stable order.
inline std::vector<std::filesystem::path> paths_under(std::filesystem::path const& root) {
    std::vector<std::filesystem::path> paths;
    for (auto const& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) {
            paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

// The bytes of every file under `root`, in the order of paths_under.
inline std::vector<std::string> texts_under(std::filesystem::path const& root) {
    std::vector<std::string> texts;
    for (auto const& path : paths_under(root)) {
        texts.push_back(slurp(path));
    }
    return texts;
}

// The lines of `text` split at '\n', a '\r' before it dropped (views into `text`).
inline std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end;
        auto line = text.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// The rest of its line from every place in `text` where a grammar may start a token: the
// start of a line, and each byte after one of `after` (a blank or a mark). `visit` gets each;
// the count of places comes back. The corpus-wide tests of our own X3 primitives read from
// there both ways.
template <typename Visit>
std::size_t visit_token_starts(std::string_view text, std::string_view after, Visit&& visit) {
    std::size_t visited = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const before = i == 0 ? '\n' : text[i - 1];
        if (before != '\n' && after.find(before) == std::string_view::npos) {
            continue;
        }
        auto const end = std::min(text.find('\n', i), text.size());
        visit(text.substr(i, end - i));
        ++visited;
    }
    return visited;
}

// Over every text under `root`: how many token starts (as visit_token_starts finds them) were
// tried, and at how many `same` said the two readings differ. The corpus-wide tests of our own
// X3 primitives each ask it with their own pair of readings.
struct TokenStarts {
    std::size_t tried = 0;
    std::size_t differ = 0;
};
template <typename Same>
TokenStarts compare_at_token_starts(std::filesystem::path const& root, std::string_view after, Same&& same) {
    TokenStarts out;
    for (std::string_view const text : texts_under(root)) {
        out.tried += visit_token_starts(text, after, [&](std::string_view rest) { out.differ += same(rest) ? 0 : 1; });
    }
    return out;
}

// What a parser made of one block.
struct Fed {
    model::Snapshot snapshot;
    std::vector<model::Diagnostic> diags;
    int understood = 0;
    int not_understood = 0;
};

// Numbered lines of one block through a fresh parser of `spec`, as the reader feeds them.
inline Fed feed_block(parse::CommandSpec const& spec, std::string_view command,
                      std::vector<std::pair<std::uint32_t, std::string>> const& lines) {
    Fed out;
    auto parser = spec.make();
    parse::BlockContext ctx{out.snapshot, out.diags, 0, command};
    for (auto const& [number, text] : lines) {
        text::Line line{number, text, false};
        // As Reader::line hands each line over: measured, so a parser takes the path real
        // input takes (LineAttempts reads the indent from here, not its own fallback).
        ctx.measured = &line;
        ctx.indent = text::first_non_blank(line.text);
        auto const v = parser->line(line, ctx);
        out.understood += v == parse::LineVerdict::understood;
        out.not_understood += v == parse::LineVerdict::not_understood;
    }
    ctx.measured = nullptr;  // as Reader::finish: no line is being read (the last one is gone)
    parser->finish(ctx);
    return out;
}

} // namespace dbgsift::test
