// `tconv help --man`: tconv's manual page in roff (man(7)), made from the same tables as --help
// (cli/help_format.hpp reads them), so the two cannot drift apart:
//   NAME, SYNOPSIS         the top app's description; each command's usage line
//   DESCRIPTION, OPTIONS   the top app's footer and options
//   COMMANDS               each command: its description, usage, arguments and options in the
//                          groups of its --help (titles, notes, placeholders), and the notes of
//                          its footer
//   EXIT STATUS            exit_status, the text every --help ends with
//   EXAMPLES               the "Examples:" block of each command's footer
//   SEE ALSO
// The build writes it to build/tconv.1, which `cmake --install` puts in share/man/man1.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace tconv {

// top: the whole command line's app with its commands. exit_status: the exit-status text that
// ends every footer (app.cpp's), which is left out of the footers and given its own section.
std::string man_page(const CLI::App& top, const std::string& exit_status);

// text for a roff text line: '\' as \e, '-' as \- (a minus, as options are typed), and a '.' or
// '\'' that starts a line behind \& (it would start a request).
std::string roff_escape(const std::string& text);

}  // namespace tconv
