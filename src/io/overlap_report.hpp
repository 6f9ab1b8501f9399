// The overlap view (core/overlap_view.hpp) as `tconv compute --view overlap` prints it: the
// counts grid, each axis's counts and repeating pattern, the verdict, the reason and the
// remedy, as text or as one JSON object.
//
// JSON keys, in order: counts (nested like the spatial output), min, max and uniform (the
// verdict: away from the borders), period (per axis), reason, remedy (null when even),
// output_min and output_max (every cell, borders included), shape, axes (per axis: counts,
// pattern, period, min, max, uniform, interior [begin, end), reason, remedy), and the given
// parameters object (already JSON).
#pragma once

#include <iosfwd>
#include <string>

#include "core/overlap_view.hpp"

namespace tconv {

// title: the layer, e.g. "ConvTranspose2d: kernel 3, stride 2 (pytorch padding)".
void write_overlap_text(std::ostream& out, const OverlapView& view, const std::string& title);

// parameters_json: a JSON object describing the layer, written under "parameters".
void write_overlap_json(std::ostream& out, const OverlapView& view, const std::string& parameters_json);

// A JSON string literal of text: quotes, backslashes and control characters escaped.
std::string json_string(const std::string& text);

}  // namespace tconv
