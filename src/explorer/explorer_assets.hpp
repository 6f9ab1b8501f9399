// The explorer's files (src/explorer/explorer.html, explorer.css, engine.js, explorer.js),
// embedded at build time by embed_assets.cmake.
#pragma once

#include <string_view>

namespace tconv {

std::string_view explorer_asset_html();
std::string_view explorer_asset_css();
std::string_view explorer_asset_engine_js();
std::string_view explorer_asset_ui_js();

}  // namespace tconv
