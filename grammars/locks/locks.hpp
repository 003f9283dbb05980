// SPDX-License-Identifier: MIT
// `!locks` (kdexts ERESOURCE form and ntsdexts critical-section form), `!cs`, `!critsec`:
// one rule per kind of line. parse/locks.cpp chooses the rule and keeps the state.
#pragma once
#include "../config.hpp"
#include "ast.hpp"

namespace dbgsift::grammar {

#define DBGSIFT_LOCKS_RULE(name, attribute)                 \
    struct name##_class;                                    \
    using name##_type = x3::rule<name##_class, attribute>;  \
    BOOST_SPIRIT_DECLARE(name##_type)                       \
    name##_type const& name();

// The typed command: "!locks", "!locks -v 85205ec8", "!ntsdexts.locks", "!cs -l", "!critsec X".
// Attribute: 'k' for !locks (either extension), 'c' for !cs / !critsec.
DBGSIFT_LOCKS_RULE(locks_command, char)

DBGSIFT_LOCKS_RULE(resource_header, ast::resource_header)
DBGSIFT_LOCKS_RULE(resource_counter, ast::resource_counter)
DBGSIFT_LOCKS_RULE(resource_flags, ast::resource_flags)
DBGSIFT_LOCKS_RULE(old_owner, ast::old_owner)
DBGSIFT_LOCKS_RULE(thread_list, ast::thread_list)
DBGSIFT_LOCKS_RULE(critsec_header, ast::critsec_header)
DBGSIFT_LOCKS_RULE(critsec_field, ast::critsec_field)
DBGSIFT_LOCKS_RULE(locks_summary, ast::locks_summary)
DBGSIFT_LOCKS_RULE(thread_detail, ast::thread_detail)
DBGSIFT_LOCKS_RULE(owning_process, ast::owning_process)
// Lines with nothing to keep: 's' "KD: Scanning for held locks....", 'd' "**** DUMP OF ALL
// RESOURCE OBJECTS ****", 'a' a line holding only an author's annotation ("# ...", "// ..."),
// '-' a rule of dashes, 'k' "Stack trace for DebugInfo = ...:", 'q' "OwningThread Stack =",
// 'g' "OwningThread DbgId = ~0s".
DBGSIFT_LOCKS_RULE(locks_aside, char)
// A whole line that ends with an author's annotation ("... // Owning thread again",
// "84753d78  <<<"); attribute: the marker's first character.
DBGSIFT_LOCKS_RULE(annotated_line, char)

#undef DBGSIFT_LOCKS_RULE

} // namespace dbgsift::grammar
