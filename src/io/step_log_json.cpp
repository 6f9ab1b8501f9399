#include "io/step_log_json.hpp"

#include <ostream>

#include "core/error.hpp"
#include "core/index.hpp"
#include "io/number_format.hpp"

namespace tconv {

namespace {

void write_index(std::ostream& out, const Index& index) { out << index_text(index, "[", ",", "]"); }

}  // namespace

JsonStepWriter::JsonStepWriter(std::ostream& out, Dtype dtype, bool lines) : out_(out), dtype_(dtype), lines_(lines) {}

void JsonStepWriter::separate() {
  if (!first_object_ && !lines_) out_ << ",\n";
  first_object_ = false;
}

void JsonStepWriter::begin_step(const InputStep& step) {
  separate();
  out_ << "{\"step\":" << step.number << ",\"input\":{";
  out_ << "\"batch\":" << step.batch << ",\"channel\":" << step.in_channel << ',';
  out_ << "\"index\":";
  write_index(out_, step.position);
  out_ << ",\"value\":" << format_json_number(step.value, dtype_) << "},\"updates\":[";
  first_update_ = true;
}

void JsonStepWriter::update(const MacUpdate& update) {
  out_ << (first_update_ ? "{" : ",{");
  first_update_ = false;
  out_ << "\"out_channel\":" << update.out_channel << ',';
  out_ << "\"output_index\":";
  if (update.cropped) {
    out_ << "null";
  } else {
    write_index(out_, update.output);
  }
  out_ << ",\"uncropped_index\":";
  write_index(out_, update.uncropped);
  out_ << ",\"weight_index\":";
  write_index(out_, update.tap);
  out_ << ",\"weight\":" << format_json_number(update.weight, dtype_)
       << ",\"product\":" << format_json_number(update.product, dtype_);
  if (!update.cropped) out_ << ",\"total\":" << format_json_number(update.total, dtype_);
  out_ << ",\"cropped\":" << (update.cropped ? "true" : "false") << '}';
}

void JsonStepWriter::end_step() {
  out_ << "]}";
  if (lines_) {
    out_ << '\n';
    out_.flush();  // a pipeline sees each step as soon as it is computed
  }
}

void JsonStepWriter::add_bias(int64_t batch, int64_t out_channel, double bias) {
  separate();
  out_ << "{\"bias\":{\"batch\":" << batch << ",\"out_channel\":" << out_channel
       << ",\"value\":" << format_json_number(bias, dtype_) << "}}";
  if (lines_) out_ << '\n';
}

void check_json_step_log_size(const ConvShapes& shapes, const ConvParams& params) {
  int64_t taps = 1;
  for (const AxisParams& axis : params.axes) taps *= axis.kernel;
  const int64_t per_step = shapes.out_channels / params.groups * taps;
  const int64_t steps = element_count(shapes.input_spatial) * shapes.batch * shapes.in_channels;
  const int64_t updates = checked_mul(steps, per_step, "step log size");
  if (updates > kJsonStepLogMaxUpdates) {
    throw InvalidParameter("the json step log would hold " + std::to_string(updates) + " updates, above " +
                           std::to_string(kJsonStepLogMaxUpdates) +
                           " for one document; use --format jsonl, which streams any size");
  }
}

}  // namespace tconv
