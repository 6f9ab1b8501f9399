// The views of `tconv compute`: what the reference engine's step stream shows besides the
// result. Each computes the result itself (from the step stream, or the gather form, which is
// bit-identical) and ends with write_output (compute_report.hpp). T is float or double.
#pragma once

#include <iosfwd>

#include "cli/compute_problem.hpp"

namespace tconv {

// --steps (the scatter view): one step per input element, as the text step log (header,
// steps, titled output), JSON Lines (a line per step, then the result's line) or one JSON
// document ("steps": [...]). color marks each step's cells on a terminal.
template <typename T>
void run_scatter_steps(const TypedRun<T>& run, std::ostream& out, bool color);

// --view gather: the expanded input and flipped kernel (text), and with --steps one step per
// output cell (text, JSON Lines, or "cells": [...] in the JSON document).
template <typename T>
void run_gather_view(const TypedRun<T>& run, std::ostream& out);

// --matrix: C^T for one batch item (core/matrix_view.hpp), the two checks (C^T times the
// input is the output; C^T is the transpose of the forward convolution's C), then the
// output. Text or JSON. Throws Error if a check fails (a bug, never the user's input).
template <typename T>
void run_matrix_view(const TypedRun<T>& run, std::ostream& out);

// --view phases: the stride phases (core/stride_phases.hpp), each an ordinary convolution of the
// input with its own taps; the output is the phases put back together. Text or JSON
// ("phases": [{"offset", "taps", "kernel", "input_offset", "kernel_dilation", "output"}]).
template <typename T>
void run_phases_view(const TypedRun<T>& run, std::ostream& out);

}  // namespace tconv
