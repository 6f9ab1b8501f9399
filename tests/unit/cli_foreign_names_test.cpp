// The names engineers bring from other frameworks (cli/foreign_names.hpp), and choices typed in
// any case (cli/option_group.hpp: choice_key, check_choice).
#include <doctest/doctest.h>

#include "cli/foreign_names.hpp"
#include "cli/option_group.hpp"
#include "core/error.hpp"

namespace tconv {
namespace {

// The names `tconv shape --help` shows (a subset is enough: the lookup only checks membership).
const std::vector<std::string> kShapeNames{
    "-k", "--kernel-size", "-s", "--stride", "-p",    "--padding", "--output-padding",
    "-d", "--dilation",    "-g", "--groups", "--pads"};

std::string meant(const std::string& typed, const std::vector<std::string>& names = kShapeNames) {
  const std::optional<ForeignName> found = foreign_name(typed, names);
  return found ? found->flag : "";
}

TEST_CASE("foreign names: each framework's spelling gives the flag it means") {
  CHECK(meant("--kernel") == "--kernel-size");
  CHECK(meant("--kernel_shape") == "--kernel-size");  // ONNX
  CHECK(meant("--strides") == "--stride");            // ONNX, Keras
  CHECK(meant("--pad") == "--padding");               // PyTorch's meaning, not ONNX's --pads
  CHECK(meant("--outpadding") == "--output-padding");
  CHECK(meant("--output_pad") == "--output-padding");
  CHECK(meant("--dilation_rate") == "--dilation");  // Keras
  CHECK(meant("--DILATIONS") == "--dilation");      // case does not matter
  CHECK(meant("--group") == "--groups");            // ONNX
}

TEST_CASE("foreign names: nothing for a name not in the table, or a flag the command lacks") {
  CHECK(meant("--kernel-siz").empty());  // a slip of the finger: edit distance answers it
  CHECK(meant("--frobnicate").empty());
  CHECK(meant("--filters").empty());  // Keras' filters is --out-channels, which shape has not
  CHECK(meant("--filters", {"--out-channels"}) == "--out-channels");
}

TEST_CASE("choices: any case, '_' as '-', and a beginning names the choices it starts") {
  CHECK(choice_key("SAME_UPPER") == "same-upper");
  CHECK(choice_key("Json") == "json");
  const std::vector<std::string> pads{"same-upper", "same-lower", "valid", "notset"};
  CHECK_NOTHROW(check_choice("--auto-pad", "same-upper", pads, pads));
  CHECK_THROWS_WITH_AS(check_choice("--auto-pad", "same", pads, pads),
                       "--auto-pad must be same-upper, same-lower, valid or notset, got 'same'; did you mean "
                       "same-upper or same-lower?",
                       UsageError);
}

}  // namespace
}  // namespace tconv
