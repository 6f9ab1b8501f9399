# After `tconv compute ... --engine fast -o fast.npy` (those four arguments last): the
# reference engine on the same layer
# writes the same bytes (small-integer data: every product and sum is exact in float32, so the
# fast engine's different summation order cannot change a bit).
set(layer_args ${ARGS})
list(REMOVE_AT layer_args -1 -2 -3 -4)
execute_process(COMMAND ${TCONV} ${layer_args} --engine reference -o ref.npy WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the reference run failed with ${status}: ${err}")
endif()
file(READ ${WORKDIR}/fast.npy fast HEX)
file(READ ${WORKDIR}/ref.npy ref HEX)
if(NOT fast STREQUAL ref OR fast STREQUAL "")
  message(FATAL_ERROR "--engine fast and --engine reference wrote different files")
endif()
