# tconv_e2e(NAME <name> ARGS <arg>... [EXIT <status>] [STDOUT <exact text>]
#           [STDOUT_MATCHES <regex>...] [STDERR_MATCHES <regex>] [STDIN_TEXT <text>] [STDIN_FILE <path>]
#           [SCRIPT <cmake file run after, with OUT/ERR/WORKDIR/TCONV set>] [TIMEOUT <seconds, default 60>]
#           [FIXTURE <a CTest fixture the case needs, e.g. the generated hostile ONNX models>])
# Runs the real tconv binary in a fresh working folder and checks its exit status (default 0),
# stdout and stderr. Every failing run must also print nothing on stdout and exactly one line
# "tconv: error: ..." on stderr; run_case.cmake enforces that for every non-zero status.
# Label e2e (tests/CMakeLists.txt).
set(TCONV_E2E_DIR ${CMAKE_CURRENT_LIST_DIR})

function(tconv_e2e)
  cmake_parse_arguments(PARSE_ARGV 0 E2E "" "NAME;EXIT;STDOUT;STDERR_MATCHES;STDIN_TEXT;STDIN_FILE;SCRIPT;TIMEOUT;FIXTURE"
                        "ARGS;STDOUT_MATCHES")
  if(NOT E2E_NAME)
    message(FATAL_ERROR "tconv_e2e: NAME is required")
  endif()
  if(NOT DEFINED E2E_EXIT)
    set(E2E_EXIT 0)
  endif()
  set(case_file ${CMAKE_CURRENT_BINARY_DIR}/e2e/${E2E_NAME}.case.cmake)
  set(body "set(ARGS)\n")
  foreach(arg IN LISTS E2E_ARGS)
    string(APPEND body "list(APPEND ARGS [==[${arg}]==])\n")
  endforeach()
  string(APPEND body "set(EXPECT_EXIT ${E2E_EXIT})\n")
  if(DEFINED E2E_STDOUT)
    string(APPEND body "set(EXPECT_STDOUT [==[${E2E_STDOUT}]==])\nset(HAS_EXPECT_STDOUT TRUE)\n")
  endif()
  string(APPEND body "set(EXPECT_STDOUT_MATCHES)\n")
  foreach(regex IN LISTS E2E_STDOUT_MATCHES)
    string(APPEND body "list(APPEND EXPECT_STDOUT_MATCHES [==[${regex}]==])\n")
  endforeach()
  if(DEFINED E2E_STDERR_MATCHES)
    string(APPEND body "set(EXPECT_STDERR_MATCHES [==[${E2E_STDERR_MATCHES}]==])\n")
  endif()
  if(DEFINED E2E_STDIN_TEXT)
    set(stdin_file ${CMAKE_CURRENT_BINARY_DIR}/e2e/${E2E_NAME}.stdin)
    file(WRITE ${stdin_file} "${E2E_STDIN_TEXT}")
    string(APPEND body "set(STDIN_FILE [==[${stdin_file}]==])\n")
  elseif(DEFINED E2E_STDIN_FILE)
    string(APPEND body "set(STDIN_FILE [==[${E2E_STDIN_FILE}]==])\n")
  endif()
  if(DEFINED E2E_SCRIPT)
    string(APPEND body "set(AFTER_SCRIPT [==[${E2E_SCRIPT}]==])\n")
  endif()
  file(WRITE ${case_file} "${body}")
  add_test(NAME e2e.${E2E_NAME}
           COMMAND ${CMAKE_COMMAND} -DTCONV=$<TARGET_FILE:tconv> -DCASE=${case_file}
                   -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/e2e/work/${E2E_NAME}
                   -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -P ${TCONV_E2E_DIR}/run_case.cmake)
  if(NOT DEFINED E2E_TIMEOUT)
    set(E2E_TIMEOUT 60)
  endif()
  set_tests_properties(e2e.${E2E_NAME} PROPERTIES LABELS e2e TIMEOUT ${E2E_TIMEOUT})
  if(DEFINED E2E_FIXTURE)
    set_tests_properties(e2e.${E2E_NAME} PROPERTIES FIXTURES_REQUIRED ${E2E_FIXTURE})
  endif()
endfunction()
