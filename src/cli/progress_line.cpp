#include "cli/progress_line.hpp"

#include <utility>

namespace tconv {

namespace {

// ECMA-48 "erase in line" from the cursor to the end of the line.
constexpr const char* kEraseToEnd = "\x1b[K";

}  // namespace

ProgressLine::ProgressLine(std::ostream& err, bool terminal, std::string what, int64_t total)
    : err_(err), terminal_(terminal), what_(std::move(what)), total_(total) {}

void ProgressLine::show(int64_t frame) {
  if (!terminal_) return;
  err_ << "\rtconv: " << what_ << ": frame " << frame << " of " << total_ << kEraseToEnd << std::flush;
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  err_ << '\r' << kEraseToEnd << std::flush;
  shown_ = false;
}

ProgressLine::~ProgressLine() {
  // A failed write to standard error must not throw out of a destructor.
  try {
    clear();
  } catch (...) {
  }
}

}  // namespace tconv
