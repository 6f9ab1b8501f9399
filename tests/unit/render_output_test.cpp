// Frame files, the manifest, and the GIF read back with giflib's decoder.
#include <doctest/doctest.h>
#include <gif_lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "render/frame_output.hpp"
#include "render/theme.hpp"
#include "unit/render_test_support.hpp"

namespace tconv {
namespace {

namespace fs = std::filesystem;

// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("tconv_render_" + name + "_" + std::to_string(getpid()))) {
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read_all(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> write_figure(const SliceTrace& trace, const fs::path& dir, const fs::path& gif) {
  FrameWriter writer(dir, FrameFormat::Png, gif, 1.0, {"test", "scatter", 0});
  DrawOptions options;
  draw_scatter(trace, options, writer);
  return writer.finish();
}

TEST_CASE("frames, frames.json and the GIF of a scatter animation") {
  TempDir tmp("frames");
  const mode_t old_mask = umask(022);
  prepare_frame_dir(tmp.path / "out", false);
  const auto written = write_figure(test::article_trace(3, 2, 0, 0, 1), tmp.path / "out", tmp.path / "a.gif");
  umask(old_mask);
  REQUIRE(written.size() == 6);  // 4 frames, frames.json, the GIF
  CHECK(written[0] == tmp.path / "out" / "frame_000.png");
  CHECK(written[3] == tmp.path / "out" / "frame_003.png");
  CHECK(read_all(written[0]).substr(1, 3) == "PNG");

  const auto manifest = nlohmann::json::parse(read_all(tmp.path / "out" / "frames.json"));
  CHECK(manifest["frame_count"] == 4);
  CHECK(manifest["loop"] == 0);
  CHECK(manifest["frames"][2]["file"] == "frame_002.png");
  CHECK(manifest["frames"][2]["duration_ms"] == 1000);

  // giflib's EGifOpenFileName would create 0600; ours follow the umask like any file.
  struct stat info {};
  REQUIRE(stat((tmp.path / "a.gif").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);

  int error = 0;
  GifFileType* gif = DGifOpenFileName((tmp.path / "a.gif").c_str(), &error);
  REQUIRE(gif != nullptr);
  REQUIRE(DGifSlurp(gif) == GIF_OK);
  CHECK(gif->ImageCount == 4);
  CHECK(gif->SWidth == manifest["width"].get<int>());
  CHECK(gif->SHeight == manifest["height"].get<int>());
  for (int i = 0; i < gif->ImageCount; ++i) {
    GraphicsControlBlock control{};
    REQUIRE(DGifSavedExtensionToGCB(gif, i, &control) == GIF_OK);
    CHECK(control.DelayTime == 100);  // 1000 ms in hundredths
  }
  // The first frame is whole; its top-left pixel is the white background, exactly.
  const SavedImage& first = gif->SavedImages[0];
  CHECK(first.ImageDesc.Width == gif->SWidth);
  const ColorMapObject* map = first.ImageDesc.ColorMap ? first.ImageDesc.ColorMap : gif->SColorMap;
  REQUIRE(map != nullptr);
  const GifColorType background = map->Colors[first.RasterBits[0]];
  CHECK(background.Red == 255);
  CHECK(background.Green == 255);
  CHECK(background.Blue == 255);
  // Flat fills stay exact: the output blue is an entry of the palette.
  bool has_output_blue = false;
  for (int i = 0; i < map->ColorCount; ++i) {
    has_output_blue = has_output_blue || (map->Colors[i].Red == theme::kOutput.r8() &&
                                          map->Colors[i].Green == theme::kOutput.g8() &&
                                          map->Colors[i].Blue == theme::kOutput.b8());
  }
  CHECK(has_output_blue);
  DGifCloseFile(gif, &error);
}

TEST_CASE("a folder with another run's frames is refused unless --force, and stale frames go") {
  TempDir tmp("force");
  prepare_frame_dir(tmp.path, false);
  write_figure(test::article_trace(3, 2, 0, 0, 1), tmp.path, {});
  CHECK_THROWS_WITH_AS(prepare_frame_dir(tmp.path, false),
                       ("--out " + tmp.path.string() +
                        " already holds frames of another run (frames.json); use --force to replace them, or another folder")
                           .c_str(),
                       IoError);
  // Forced, a shorter run (Figure 9 style: 1 frame) leaves no frame of the older run behind.
  prepare_frame_dir(tmp.path, true);
  FrameWriter writer(tmp.path, FrameFormat::Png, {}, 1.0, {"test", "dilation", 9});
  std::vector<SliceTrace> kernels{test::article_trace(2, 1, 0, 0, 2)};
  draw_dilation(kernels, DrawOptions{}, writer);
  writer.finish();
  CHECK(fs::exists(tmp.path / "frame_000.png"));
  CHECK_FALSE(fs::exists(tmp.path / "frame_001.png"));
  CHECK_FALSE(fs::exists(tmp.path / "frame_003.png"));
}

TEST_CASE("--out that is a file is refused") {
  TempDir tmp("file");
  fs::create_directories(tmp.path);
  std::ofstream(tmp.path / "plain") << "x";
  CHECK_THROWS_WITH_AS(prepare_frame_dir(tmp.path / "plain", false),
                       ("--out " + (tmp.path / "plain").string() + " exists and is not a folder").c_str(), IoError);
}

TEST_CASE("SVG frames are vector documents") {
  TempDir tmp("svg");
  prepare_frame_dir(tmp.path, false);
  FrameWriter writer(tmp.path, FrameFormat::Svg, {}, 1.0, {"test", "scatter", 0});
  DrawOptions options;
  options.surface = SurfaceKind::Svg;
  draw_scatter(test::article_trace(3, 1, 0, 0, 1), options, writer);
  writer.finish();
  const std::string svg = read_all(tmp.path / "frame_000.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("</svg>") != std::string::npos);
}

}  // namespace
}  // namespace tconv
