// SPDX-License-Identifier: MIT
#include "lm_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(lm_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(lm_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(unloaded_title_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(module_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(module_detail_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(dml_residue_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(module_row_head_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(path_tail_type, iterator_type, context_type)

lm_command_type const& lm_command() { return lm_command_rule; }
lm_header_type const& lm_header() { return lm_header_rule; }
unloaded_title_type const& unloaded_title() { return unloaded_title_rule; }
module_row_type const& module_row() { return module_row_rule; }
module_detail_type const& module_detail() { return module_detail_rule; }
dml_residue_type const& dml_residue() { return dml_residue_rule; }
module_row_head_type const& module_row_head() { return module_row_head_rule; }
path_tail_type const& path_tail() { return path_tail_rule; }

} // namespace dbgsift::grammar
