// `tconv shape`: the output-size calculator.
#pragma once

#include "cli/command.hpp"

namespace tconv {

Command add_shape_command(CLI::App& parent);

}  // namespace tconv
