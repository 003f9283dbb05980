// SPDX-License-Identifier: MIT
#include "pipeline.hpp"

#include "segment/reader.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

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

} // namespace

std::vector<std::string> expand_inputs(std::vector<std::string> const& args,
                                       std::vector<std::string>* skipped) {
    std::vector<std::string> out;
    for (auto const& arg : args) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            auto options = fs::directory_options::skip_permission_denied;
            for (auto it = fs::recursive_directory_iterator(arg, options, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                std::error_code type_ec;
                if (it->is_regular_file(type_ec)) {
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
    std::vector<model::Case> parts(paths.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < paths.size(); i = next++) {
            parts[i] = read_path(paths[i], static_cast<std::uint32_t>(i));
            ++done;
        }
    };
    jobs = std::clamp<unsigned>(jobs, 1, 64);
    bool const stdin_used = std::find(paths.begin(), paths.end(), "-") != paths.end();
    if (jobs == 1 || paths.size() < 2 || stdin_used) {
        for (std::size_t i = 0; i < paths.size(); ++i) {
            parts[i] = read_path(paths[i], static_cast<std::uint32_t>(i));
            if (progress) {
                progress(i + 1, paths.size());
            }
        }
    } else {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < std::min<std::size_t>(jobs, paths.size()); ++t) {
            pool.emplace_back(worker);
        }
        while (done < paths.size()) {
            if (progress) {
                progress(done, paths.size());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        pool.clear();
        if (progress) {
            progress(paths.size(), paths.size());
        }
    }
    model::Case whole;
    for (auto& part : parts) {
        segment::merge_case(whole, std::move(part));
    }
    return whole;
}

} // namespace dbgsift
