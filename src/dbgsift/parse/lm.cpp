// SPDX-License-Identifier: MIT
// Placeholder: the lm command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec lm_spec() {
    return {"lm", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("lm"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
