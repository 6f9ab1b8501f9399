// The one-line frame counter `tconv animate` keeps on a terminal's standard error, redrawn in
// place and wiped before anything else is printed; off a terminal it writes nothing.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace tconv {

class ProgressLine {
 public:
  // err: where the line goes; terminal: whether err is a terminal (nothing is written if not);
  // what: the label; total: the frames the run will draw, known before the first
  // (render/frame_count.hpp). "animate" and 57 give "tconv: animate: frame 12 of 57".
  ProgressLine(std::ostream& err, bool terminal, std::string what, int64_t total);

  // Redraws the line for frame number `frame` (1-based): "\r" + text + "\x1b[K" (erase to the
  // end of the line), so a shorter text leaves nothing of a longer one behind.
  void show(int64_t frame);

  // Wipes the line ("\r\x1b[K") and leaves the cursor at its start, so what is printed next
  // (on standard output or error) starts on a clean line. Does nothing if nothing was shown.
  void clear();

  // Clears the line (an error message printed after it starts clean).
  ~ProgressLine();

  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  std::ostream& err_;
  bool terminal_;
  std::string what_;
  int64_t total_;
  bool shown_ = false;
};

}  // namespace tconv
