# Checks that every C++ file of the tree is formatted as the committed .clang-format says, with
# Debian's clang-format-14 (other versions format some constructs differently). Lists the files
# that differ and how to fix them; fails if clang-format-14 is missing (scripts/install-deps.sh
# installs it).
#   -DSOURCE_DIR=<the source tree>  -DCLANG_FORMAT=<clang-format-14, or empty when not found>

if(NOT CLANG_FORMAT)
  message(FATAL_ERROR "clang-format-14 not found: install Debian's clang-format-14 (scripts/install-deps.sh)")
endif()
file(GLOB_RECURSE files LIST_DIRECTORIES false
     "${SOURCE_DIR}/src/*.cpp" "${SOURCE_DIR}/src/*.hpp" "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.hpp"
     "${SOURCE_DIR}/bench/*.cpp" "${SOURCE_DIR}/bench/*.hpp" "${SOURCE_DIR}/fuzz/*.cpp")
list(LENGTH files count)
if(count LESS 100)
  message(FATAL_ERROR "found only ${count} C++ files under ${SOURCE_DIR}: is SOURCE_DIR the tree?")
endif()
set(differ "")
foreach(file IN LISTS files)
  execute_process(COMMAND "${CLANG_FORMAT}" --style=file --dry-run -Werror "${file}"
                  RESULT_VARIABLE result OUTPUT_QUIET ERROR_QUIET)
  if(NOT result EQUAL 0)
    file(RELATIVE_PATH relative "${SOURCE_DIR}" "${file}")
    list(APPEND differ "${relative}")
  endif()
endforeach()
if(differ)
  list(LENGTH differ bad)
  list(JOIN differ "\n  " listed)
  message(FATAL_ERROR "${bad} of ${count} C++ files are not formatted (fix: clang-format-14 -i FILE...):\n  ${listed}")
endif()
message(STATUS "all ${count} C++ files formatted as .clang-format says")
