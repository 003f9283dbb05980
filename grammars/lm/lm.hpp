// SPDX-License-Identifier: MIT
// `lm` family: the typed command, the header, module rows, lmv detail lines, unloaded modules.
#pragma once
#include "../config.hpp"
#include "ast.hpp"
#include <string_view>

namespace dbgsift::grammar {

// name_starts: the bytes a rule may start with (see grammars/config.hpp).

// "lm", "lmv m MyAVDrv.sys", "lm a fffff880`044b63aa", "lmt", "lmsm", "lmvM *.exe"
// -> the option letters glued to "lm" ("v", "sm", "vM", "").
DBGSIFT_RULE(lm_command, std::string)

// "start    end        module name", "start             end                 module name"
DBGSIFT_RULE(lm_header, x3::unused_type)
inline constexpr std::string_view lm_header_starts = "*s";  // a blog's **, start

// "Unloaded modules:"
DBGSIFT_RULE(unloaded_title, x3::unused_type)
inline constexpr std::string_view unloaded_title_starts = "U";  // Unloaded

DBGSIFT_RULE(module_row, ast::module_row)

// "    Timestamp: unavailable (00000000)", "    CheckSum:         0004A8A2"
DBGSIFT_RULE(module_detail, ast::module_detail)

// DML residue: "Browse full module list", "Browse all global symbols  functions  data"
DBGSIFT_RULE(dml_residue, x3::unused_type)
inline constexpr std::string_view dml_residue_starts = "B";  // Browse

// A row cut by a page break: "00007ffc`1fca0000 0000" (the next line holds the rest).
DBGSIFT_RULE(module_row_head, std::string)

// A wrapped symbol path's second half: "nel32.pdb\3B92DED9912D874A2BD08735BC0199A31\kernel32.pdb"
DBGSIFT_RULE(path_tail, std::string)

} // namespace dbgsift::grammar
