// SPDX-License-Identifier: MIT
// Whether an lm row's image is the module a symbol's prefix names, compared in place: the
// lower-cased copies (and the three suffixed ones) made for every row of every lock ranked
// cost more than the comparison (issue 14).
#pragma once
#include "text.hpp"

#include <string_view>

namespace dbgsift::infer {

// lower(image) is lower(stem), or lower(stem) + ".sys", ".dll" or ".exe".
inline bool names_image(std::string_view image, std::string_view stem) {
    if (image.size() == stem.size()) {
        return equals_ignoring_case(image, stem);
    }
    if (image.size() != stem.size() + 4 || !equals_ignoring_case(image.substr(0, stem.size()), stem)) {
        return false;
    }
    auto const suffix = image.substr(stem.size());
    return equals_ignoring_case(suffix, ".sys") || equals_ignoring_case(suffix, ".dll") ||
           equals_ignoring_case(suffix, ".exe");
}

} // namespace dbgsift::infer
