# After `tconv compute --example 3 -o y.npy`: the file exists, no temporary file is left, and
# tconv reads it back (a 1x1 kernel of 1 passes the values through) as the article's output.
file(GLOB left ${WORKDIR}/*)
if(NOT left STREQUAL "${WORKDIR}/y.npy")
  message(FATAL_ERROR "expected only y.npy in ${WORKDIR}, found: ${left}")
endif()
execute_process(COMMAND ${TCONV} compute --input y.npy --weight "[[1]]" --format csv WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE status OUTPUT_VARIABLE back)
if(NOT status EQUAL 0 OR NOT back STREQUAL "1,3,2\n4,10,6\n3,7,4\n")
  message(FATAL_ERROR "reading y.npy back gave status ${status}:\n${back}")
endif()
