// Suggestions for a mistyped name ("did you mean --output-padding?"): an unknown option, a
// command or a choice of a flag.
#pragma once

#include <string>
#include <vector>

namespace tconv {

// The optimal string alignment distance: insertions, deletions, substitutions and swaps of
// two neighbouring characters each cost 1 ("exampel" is 1 from "example").
int edit_distance(const std::string& a, const std::string& b);

// The candidates nearest to word, in their order, when they are near enough to be what was
// meant: at most 2 edits, and fewer than half of word's letters. Leading dashes are not
// counted and '_' equals '-' (--kernel_siz is 1 from --kernel-size). Empty when none is near.
std::vector<std::string> closest_names(const std::string& word, const std::vector<std::string>& candidates);

// "" for no names, "a", "a or b", "a, b or c".
std::string or_list(const std::vector<std::string>& names);

}  // namespace tconv
