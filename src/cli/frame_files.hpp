// Where `tconv animate` puts its files: the frames and frames.json in a folder that appears as a
// whole (io/staged_folder.hpp: old set or new set, never a mix), the GIF like any output file
// (io/output_file.hpp) or on standard output (--gif -), the explorer page (--html) the same
// way; and which folder a run may replace.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "io/output_file.hpp"
#include "io/staged_folder.hpp"
#include "render/frame_output.hpp"

namespace tconv {

// Refuses, before anything is drawn, an --out-dir folder that this run must not replace: the
// working directory or a folder that holds it (io/staged_folder.hpp: check_folder_replaceable);
// a path that exists and is not a folder; a folder holding anything but an earlier run's frames
// (frame_NNN.png/svg, frames.json), as `git clone` refuses a folder that is not empty; an
// earlier run's frames unless force. A missing or empty folder is fine. Throws IoError. The
// same rule is applied again when the frames are put in place (AnimationFiles::commit).
void check_frame_folder(const std::string& dir, bool force);

class AnimationFiles final : public FrameFiles {
 public:
  // folder: the --out-dir folder, or empty; force: --force (an earlier run's frames may be
  // replaced); gif and html: the --gif and --html files, "-" for `out` (one of them at most), or
  // empty. Opens them all at once (io/staged_folder.hpp, io/output_file.hpp). Throws IoError.
  AnimationFiles(std::string folder, bool force, std::string gif, std::string html, std::ostream& out);

  void write_frame_file(const std::string& name, const std::string& bytes) override;
  void write_gif(const std::string& bytes) override;
  // The explorer page (explorer/explorer_page.hpp), into the --html file or `out`.
  void write_html(const std::string& page);

  // Puts the folder, the GIF and the page in place. Returns every path written, in order: the
  // frames, the GIF, the page, each unless it went to standard output. Throws IoError; when the
  // folder changed during the run so that check_frame_folder would now refuse it (a file tconv
  // did not write, another run's frames without force), it is left as it is, the frames are
  // kept beside it (DIR.new-XXXXXX, named in the error) and the GIF and the page are not written.
  std::vector<std::string> commit();

 private:
  std::string folder_;
  bool force_ = false;
  std::string gif_;
  std::string html_;
  std::ostream& out_;
  std::optional<StagedFolder> staged_;
  std::optional<OutputFile> gif_file_;
  std::optional<OutputFile> html_file_;
  std::vector<std::string> written_;
};

}  // namespace tconv
