// SPDX-License-Identifier: MIT
// libFuzzer harness: a --pooltag file (pooltag.txt format, wildcards) read and queried. The
// first four bytes are the tag looked up, the rest is the file.
#include "dbgsift/infer/pooltag_db.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string const bytes(reinterpret_cast<char const*>(data), size);
    auto const tag = bytes.substr(0, 4);
    std::istringstream in(bytes.size() > 4 ? bytes.substr(4) : std::string{});
    std::vector<dbgsift::diagnostic> diags;
    auto const db = dbgsift::infer::PoolTagDb::load(in, diags);
    (void)db.find(tag);
    (void)db.find("Ddk ");
    return 0;
}
