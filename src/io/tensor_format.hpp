// Writers of a finished tensor: aligned text matrices, JSON nested arrays, CSV. Every number
// goes through format_number, so it is the shortest text that reads back in the dtype.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "core/tensor.hpp"
#include "io/dtype.hpp"

namespace tconv {

// Aligned matrices, right-justified to a common width. Rank 0: the value; rank 1: one row;
// rank 2: rows on lines; rank >= 3: one matrix per leading index, each after a label line
// built from axis_names ("batch 0, channel 1:"), which names the leading rank-2 axes (missing
// names print as "axis K"). indent prefixes every matrix line.
void write_tensor_text(std::ostream& out, const Tensor<double>& tensor, Dtype dtype,
                       const std::vector<std::string>& axis_names, const std::string& indent = "");

// JSON nested arrays on one line, [[1,3],[4,10]]; a rank-0 tensor is a bare number.
void write_json_nested(std::ostream& out, const Tensor<double>& tensor, Dtype dtype);

// A JSON list of integers: [1,2,3].
std::string json_int_list(const std::vector<int64_t>& values);

// CSV: rank 2 as rows, rank 1 as one row; leading extents of 1 are ignored. Throws
// InvalidParameter for anything else ("csv holds one matrix ... use --format json or npy").
void write_csv(std::ostream& out, const Tensor<double>& tensor, Dtype dtype);

}  // namespace tconv
