// SPDX-License-Identifier: MIT
// `lm` family: the typed command, the header, module rows, lmv detail lines, unloaded modules.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

// "lm", "lmv m MyAVDrv.sys", "lm a fffff880`044b63aa", "lmt", "lmsm", "lmvM *.exe"
// -> the option letters glued to "lm" ("v", "sm", "vM", "").
struct lm_command_class;
using lm_command_type = x3::rule<lm_command_class, std::string>;
BOOST_SPIRIT_DECLARE(lm_command_type)
lm_command_type const& lm_command();

// "start    end        module name", "start             end                 module name"
struct lm_header_class;
using lm_header_type = x3::rule<lm_header_class>;
BOOST_SPIRIT_DECLARE(lm_header_type)
lm_header_type const& lm_header();

// "Unloaded modules:"
struct unloaded_title_class;
using unloaded_title_type = x3::rule<unloaded_title_class>;
BOOST_SPIRIT_DECLARE(unloaded_title_type)
unloaded_title_type const& unloaded_title();

struct module_row_class;
using module_row_type = x3::rule<module_row_class, ast::module_row>;
BOOST_SPIRIT_DECLARE(module_row_type)
module_row_type const& module_row();

// "    Timestamp: unavailable (00000000)", "    CheckSum:         0004A8A2"
struct module_detail_class;
using module_detail_type = x3::rule<module_detail_class, ast::module_detail>;
BOOST_SPIRIT_DECLARE(module_detail_type)
module_detail_type const& module_detail();

// DML residue: "Browse full module list", "Browse all global symbols  functions  data"
struct dml_residue_class;
using dml_residue_type = x3::rule<dml_residue_class>;
BOOST_SPIRIT_DECLARE(dml_residue_type)
dml_residue_type const& dml_residue();

// A row cut by a page break: "00007ffc`1fca0000 0000" (the next line holds the rest).
struct module_row_head_class;
using module_row_head_type = x3::rule<module_row_head_class, std::string>;
BOOST_SPIRIT_DECLARE(module_row_head_type)
module_row_head_type const& module_row_head();

// A wrapped symbol path's second half: "nel32.pdb\3B92DED9912D874A2BD08735BC0199A31\kernel32.pdb"
struct path_tail_class;
using path_tail_type = x3::rule<path_tail_class, std::string>;
BOOST_SPIRIT_DECLARE(path_tail_type)
path_tail_type const& path_tail();

} // namespace dbgsift::grammar
