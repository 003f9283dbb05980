// SPDX-License-Identifier: MIT
#include "options.hpp"
#include "run.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

int main(int argc, char** argv) {
    // spdlog's default logger writes to stdout; the report owns stdout.
    spdlog::set_default_logger(spdlog::stderr_color_mt("dbgsift"));
    spdlog::set_pattern("dbgsift: %^%l%$: %v");
    auto parsed = dbgsift::cli::parse_options(argc, argv);
    if (auto const* code = std::get_if<int>(&parsed)) {
        return *code;
    }
    return dbgsift::cli::run(std::get<dbgsift::cli::Options>(parsed));
}
