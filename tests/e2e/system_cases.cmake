# What surrounds tconv's files, with the real binary in a scratch folder: devices (made with
# mknod, never the system's own), links, permissions, FIFOs, signals, full and closed standard
# streams, endless inputs (tests/e2e/system/*.sh; lib.sh says how they report). Bash scripts,
# because these need what CMake's execute_process cannot do: send signals, close descriptors,
# start readers of a FIFO.
foreach(name output_targets signals standard_output inputs frame_folder animate_memory grammar)
  add_test(NAME e2e.system.${name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/system/${name}.sh $<TARGET_FILE:tconv>
                   ${CMAKE_CURRENT_BINARY_DIR}/e2e/system/${name})
  set_tests_properties(e2e.system.${name} PROPERTIES LABELS e2e TIMEOUT 300)
endforeach()

# The man page and the shell completions (issue 23, item 9): rendered by man, sourced by bash;
# and where `cmake --install` puts them (the whole install, into a scratch prefix).
add_test(NAME e2e.system.man_completion
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/system/man_completion.sh $<TARGET_FILE:tconv>
                 ${CMAKE_CURRENT_BINARY_DIR}/e2e/system/man_completion)
set_tests_properties(e2e.system.man_completion PROPERTIES LABELS e2e TIMEOUT 120)
add_test(NAME e2e.system.install
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/system/install.sh $<TARGET_FILE:tconv>
                 ${CMAKE_CURRENT_BINARY_DIR}/e2e/system/install ${PROJECT_BINARY_DIR})
set_tests_properties(e2e.system.install PROPERTIES LABELS e2e TIMEOUT 120)
