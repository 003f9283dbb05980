// SPDX-License-Identifier: MIT
// Placeholder: the heap command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec heap_spec() {
    return {"heap", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("heap"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
