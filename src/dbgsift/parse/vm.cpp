// SPDX-License-Identifier: MIT
// Placeholder: the vm command is not read yet; its spec matches nothing.
#include "commands.hpp"

namespace dbgsift::parse {

CommandSpec vm_spec() {
    return {"vm", [](std::string_view) { return false; }, nullptr,
            [](std::string_view) { return std::string("vm"); }, model::Target::kernel,
            []() -> std::unique_ptr<BlockParser> { return nullptr; }};
}

} // namespace dbgsift::parse
