# The heavy libraries stay out of the tconv binary (they are in its run-time modules), and a
# binary without its modules still answers `tconv shape` and fails cleanly elsewhere.
add_test(NAME e2e.modules
         COMMAND ${CMAKE_COMMAND} -DTCONV=$<TARGET_FILE:tconv> -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/e2e/modules
                 -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
                 -P ${CMAKE_CURRENT_LIST_DIR}/modules/check_modules.cmake)
set_tests_properties(e2e.modules PROPERTIES LABELS e2e TIMEOUT 60)
