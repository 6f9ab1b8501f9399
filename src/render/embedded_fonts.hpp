// The DejaVu fonts embedded at build time (see src/render/CMakeLists.txt, which generates the
// definition from the system's fonts-dejavu-core files).
#pragma once

namespace tconv {

enum class FontFace { Sans = 0, SansBold = 1, Mono = 2, MonoBold = 3 };

// The bytes of a TTF file; both pointers are null when the font was absent at build time.
struct EmbeddedFont {
  const unsigned char* begin = nullptr;
  const unsigned char* end = nullptr;
};

EmbeddedFont embedded_font(FontFace face);

}  // namespace tconv
