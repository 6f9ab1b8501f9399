// Loading a run-time module (libtconv-*.so): the one dlopen()/dlsym() of tconv, used by the
// tconv binary for its modules (module_loader.cpp) and by the fast engine for its BLAS
// (fast/blas_loader.cpp). A module exports one C function, `symbol`, returning its table.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tconv {

// Opens `file` from the first of `folders` that has it and returns its entry point `symbol`.
// Throws IoError "cannot load FILE (WHAT) from FOLDERS: REASON" (REASON: not found, or the
// loader's), or "cannot use PATH (WHAT): it has no SYMBOL".
void* load_module_entry(const std::vector<std::filesystem::path>& folders, const std::string& file, const char* symbol,
                        const std::string& what);

// The table of module `file`: its entry point `symbol`, a `const Table* ()`, called once.
// Throws as load_module_entry.
template <typename Table>
const Table& load_module(const std::vector<std::filesystem::path>& folders, const std::string& file, const char* symbol,
                         const std::string& what) {
  using Entry = const Table* (*)();
  return *reinterpret_cast<Entry>(load_module_entry(folders, file, symbol, what))();
}

}  // namespace tconv
