// Frame files, the manifest, and the GIF read back with giflib's decoder. The writer hands its
// files to a FrameFiles (the command line's writes them to disk; tests/unit/cli_frame_files_test
// covers that); here a FrameFiles that keeps them in memory, the GIF also on disk for giflib.
#include <doctest/doctest.h>
#include <gif_lib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
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

// Keeps every file by name, in the order written; the GIF also goes to gif_path if set.
struct KeepFiles : FrameFiles {
  std::vector<std::string> order;
  std::map<std::string, std::string> files;
  fs::path gif_path;
  void write_frame_file(const std::string& name, const std::string& bytes) override {
    order.push_back(name);
    files[name] = bytes;
  }
  void write_gif(const std::string& bytes) override {
    order.push_back("GIF");
    files["GIF"] = bytes;
    if (!gif_path.empty()) std::ofstream(gif_path, std::ios::binary) << bytes;
  }
};

KeepFiles write_figure(const SliceTrace& trace, bool folder, const fs::path& gif) {
  KeepFiles files;
  files.gif_path = gif;
  FrameWriter writer(FrameFormat::Png, folder, !gif.empty(), 1.0, {"test", "scatter", 0}, files);
  DrawOptions options;
  draw_scatter(trace, options, writer);
  writer.finish();
  return files;
}

TEST_CASE("frames, frames.json and the GIF of a scatter animation") {
  TempDir tmp("frames");
  fs::create_directories(tmp.path);
  const KeepFiles written = write_figure(test::article_trace(3, 2, 0, 0, 1), true, tmp.path / "a.gif");
  REQUIRE(written.order.size() == 6);  // 4 frames, frames.json, the GIF
  CHECK(written.order[0] == "frame_000.png");
  CHECK(written.order[3] == "frame_003.png");
  CHECK(written.order[4] == "frames.json");
  CHECK(written.files.at("frame_000.png").substr(1, 3) == "PNG");

  const auto manifest = nlohmann::json::parse(written.files.at("frames.json"));
  CHECK(manifest["frame_count"] == 4);
  CHECK(manifest["loop"] == 0);
  CHECK(manifest["frames"][2]["file"] == "frame_002.png");
  CHECK(manifest["frames"][2]["duration_ms"] == 1000);

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
    // 1000 ms in hundredths; the last frame, the finished output, held 3 times as long.
    CHECK(control.DelayTime == (i + 1 == gif->ImageCount ? 300 : 100));
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
    has_output_blue =
        has_output_blue || (map->Colors[i].Red == theme::kOutput.r8() && map->Colors[i].Green == theme::kOutput.g8() &&
                            map->Colors[i].Blue == theme::kOutput.b8());
  }
  CHECK(has_output_blue);
  DGifCloseFile(gif, &error);
}

TEST_CASE("without a folder only the GIF is handed over, without a GIF only the folder's files") {
  TempDir tmp("gif_only");
  fs::create_directories(tmp.path);
  const KeepFiles gif_only = write_figure(test::article_trace(3, 2, 0, 0, 1), false, tmp.path / "a.gif");
  CHECK(gif_only.order == std::vector<std::string>{"GIF"});
  const KeepFiles folder_only = write_figure(test::article_trace(3, 2, 0, 0, 1), true, {});
  CHECK(folder_only.order ==
        std::vector<std::string>{"frame_000.png", "frame_001.png", "frame_002.png", "frame_003.png", "frames.json"});
}

TEST_CASE("SVG frames are vector documents") {
  KeepFiles files;
  FrameWriter writer(FrameFormat::Svg, true, false, 1.0, {"test", "scatter", 0}, files);
  DrawOptions options;
  options.surface = SurfaceKind::Svg;
  draw_scatter(test::article_trace(3, 1, 0, 0, 1), options, writer);
  writer.finish();
  const std::string svg = files.files.at("frame_000.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("</svg>") != std::string::npos);
}

}  // namespace
}  // namespace tconv
