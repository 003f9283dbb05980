// SPDX-License-Identifier: MIT
#include "pipeline.hpp"

#include "segment/reader.hpp"
#include "work_queue.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace dbgsift {
namespace fs = std::filesystem;

namespace {

// Why a folder entry is not read: a FIFO would block the run, a device or socket is no log.
std::string why_skipped(fs::directory_entry const& entry) {
    std::error_code ec;
    if (entry.is_symlink(ec) && !fs::exists(entry.path(), ec)) {
        return "dangling symlink";
    }
    switch (entry.status(ec).type()) {
    case fs::file_type::fifo: return "FIFO";
    case fs::file_type::socket: return "socket";
    case fs::file_type::block:
    case fs::file_type::character: return "device";
    default: return "";  // folders are recursed into
    }
}

// A folder's entry whose name starts with a dot: a version control's store (.git), a desktop's
// (.DS_Store), an editor's swap file, a tool's marker. None is a case log, and .git alone holds
// thousands of compressed files that would each be read as a transcript.
bool is_hidden(fs::path const& path) {
    auto const name = path.filename().native();
    return !name.empty() && name.front() == '.';
}

} // namespace

std::vector<std::string> expand_inputs(std::vector<std::string> const& args,
                                       std::vector<std::string>* skipped,
                                       std::vector<std::string>* hidden) {
    std::vector<std::string> out;
    for (auto const& arg : args) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            auto options = fs::directory_options::skip_permission_denied;
            for (auto it = fs::recursive_directory_iterator(arg, options, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                std::error_code type_ec;
                if (is_hidden(it->path())) {
                    if (it->is_directory(type_ec)) {
                        it.disable_recursion_pending();
                    }
                    if (hidden != nullptr) {
                        hidden->push_back(it->path().generic_string());
                    }
                } else if (it->is_regular_file(type_ec)) {
                    found.push_back(it->path().generic_string());
                } else if (auto why = why_skipped(*it); skipped != nullptr && !why.empty()) {
                    skipped->push_back(it->path().generic_string() + ": " + why);
                }
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else {
            out.push_back(arg);
        }
    }
    return out;
}

model::Case read_path(std::string const& path, std::uint32_t index) {
    if (path == "-") {
        return segment::read_input(std::cin, "-", index);
    }
    auto failed = [&](std::string why) {
        model::Case c;
        c.inputs.emplace_back();
        c.inputs.back().path = path;
        c.inputs.back().error = std::move(why);
        return c;
    };
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return failed("is a folder with no readable files");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return failed(std::strerror(errno));
    }
    return segment::read_input(in, path, index);
}

model::Case read_buffer(std::string_view bytes, std::string const& name) {
    std::istringstream in{std::string(bytes)};
    return segment::read_input(in, name, 0);
}

model::Case read_all(std::vector<std::string> const& paths, unsigned jobs,
                     std::function<void(std::size_t, std::size_t)> const& progress) {
    model::Case whole;
    run_ordered<model::Case>(
        paths.size(), jobs,
        [&](std::size_t i) { return read_path(paths[i], static_cast<std::uint32_t>(i)); },
        [&](std::size_t i, model::Case&& part) {
            segment::merge_case(whole, std::move(part));
            if (progress) {
                progress(i + 1, paths.size());
            }
        });
    return whole;
}

} // namespace dbgsift
