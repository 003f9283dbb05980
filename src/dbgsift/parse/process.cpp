// SPDX-License-Identifier: MIT
// Placeholder: the process command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec process_spec() {
    return {"process", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("process"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
