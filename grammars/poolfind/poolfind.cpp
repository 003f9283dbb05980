// SPDX-License-Identifier: MIT
#include "poolfind_def.hpp"

namespace dbgsift::grammar {

BOOST_SPIRIT_INSTANTIATE(pool_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_page_command_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_block_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_find_row_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_search_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_chatter_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(pool_terminated_type, iterator_type, context_type)

pool_command_type const& pool_command() { return pool_command_rule; }
pool_page_command_type const& pool_page_command() { return pool_page_command_rule; }
pool_block_row_type const& pool_block_row() { return pool_block_row_rule; }
pool_find_row_type const& pool_find_row() { return pool_find_row_rule; }
pool_search_type const& pool_search() { return pool_search_rule; }
pool_chatter_type const& pool_chatter() { return pool_chatter_rule; }
pool_terminated_type const& pool_terminated() { return pool_terminated_rule; }

} // namespace dbgsift::grammar
