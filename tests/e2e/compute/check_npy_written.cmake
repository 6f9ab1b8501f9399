# After `tconv compute --example 3 -o y.npy` (or -o y.NPY: the extension in any case): the file
# exists, no temporary file is left, and tconv reads it back as .npy (a 1x1 kernel of 1 passes
# the values through) as the article's output.
file(GLOB left RELATIVE ${WORKDIR} ${WORKDIR}/*)
if(NOT left MATCHES "^y\\.(npy|NPY)$")
  message(FATAL_ERROR "expected only y.npy or y.NPY in ${WORKDIR}, found: ${left}")
endif()
file(READ ${WORKDIR}/${left} magic LIMIT 6 HEX)
if(NOT magic STREQUAL "934e554d5059")
  message(FATAL_ERROR "${left} does not start with .npy's magic \\x93NUMPY: ${magic}")
endif()
execute_process(COMMAND ${TCONV} compute --input ${left} --weight "[[1]]" --format csv WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE status OUTPUT_VARIABLE back)
if(NOT status EQUAL 0 OR NOT back STREQUAL "1,3,2\n4,10,6\n3,7,4\n")
  message(FATAL_ERROR "reading ${left} back gave status ${status}:\n${back}")
endif()
