// SPDX-License-Identifier: MIT
// Test helper: parse one real line with a grammar rule.
#pragma once
#include "grammars/parse_line.hpp"
