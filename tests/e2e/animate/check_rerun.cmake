# A second run into the same folder is refused (exit 1, one error line), and allowed with --force.
execute_process(COMMAND ${TCONV} animate --figure 9 -O f9 WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE again OUTPUT_VARIABLE again_out ERROR_VARIABLE again_err)
if(NOT again EQUAL 1 OR NOT again_out STREQUAL "" OR
   NOT again_err MATCHES "^tconv: error: --out-dir f9 already holds frames of another run \\(frames.json\\); use --force")
  fail("rerun without --force: status ${again}, stdout '${again_out}', stderr '${again_err}'")
endif()
execute_process(COMMAND ${TCONV} animate --figure 9 -O f9 --force WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE forced OUTPUT_VARIABLE forced_out)
if(NOT forced EQUAL 0 OR NOT forced_out STREQUAL "f9/frame_000.png\nf9/frames.json\n")
  fail("rerun with --force: status ${forced}, stdout '${forced_out}'")
endif()
