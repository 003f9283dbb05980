// SPDX-License-Identifier: MIT
// Row shapes of `lm` family output (lm, lmv, lmt, lm a, lm m) as the text gives them.
#pragma once
#include "../source.hpp"
#include "../text_range.hpp"
#include <cstdint>
#include <string>

namespace dbgsift::grammar::ast {

// "fffff880`044b5000 fffff880`044bc000   myfault    (no symbols)"
// "fb008000 fb00ba80   serenum      e:\mysymbols\SereEnum.pdb\......."
// "fffff880`00c00000 fffff880`00c5a000   CI  Sat Nov 20 10:19:07 2010 (4CE7A1AB)"  (lmt)
// "a5069000 a5084000   MyAVDrv.sys"  (an unloaded module)
// The texts are ranges into the line read: the parser copies each once, into the model.
struct module_row : source_span {
    std::uint64_t start = 0;
    std::uint64_t end = 0;
    text_range name;
    text_range symbols;    // "(deferred)", "(no symbols)", "(private pdb symbols)"; empty if absent
    text_range timestamp;  // lmt: "Sat Nov 20 10:19:07 2010 (4CE7A1AB)"
    text_range path;       // symbol file or image path printed after the status
};

// "    Image path: \SystemRoot\system32\DRIVERS\myfault.sys"
// Key and value are ranges into the line read: most keys are not modelled, and the parser
// copies a modelled value once, trimmed.
struct module_detail : source_span {
    text_range key;  // "Image path", "Timestamp", "CheckSum", "Loaded symbol image file"
    text_range value;
};

} // namespace dbgsift::grammar::ast
