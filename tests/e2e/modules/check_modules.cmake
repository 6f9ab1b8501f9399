# cmake -DTCONV=<binary> -DWORKDIR=<scratch folder> -DSOURCE_DIR=<source tree> -P check_modules.cmake
find_program(READELF readelf REQUIRED)
execute_process(COMMAND ${READELF} -d ${TCONV} OUTPUT_VARIABLE dynamic RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "readelf -d ${TCONV} failed")
endif()
foreach(library libdnnl libopenblas libgomp libcairo libgif libfreetype libz libonnx libonnx_proto libprotobuf)
  if(dynamic MATCHES "NEEDED[^\n]*\\[${library}[.]")
    message(FATAL_ERROR "the tconv binary links ${library}: every command would pay for loading it")
  endif()
endforeach()

# The binary alone, without libtconv-fast.so and libtconv-render.so beside it.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR}/bin)
file(COPY ${TCONV} DESTINATION ${WORKDIR}/bin)
get_filename_component(name ${TCONV} NAME)
set(alone ${WORKDIR}/bin/${name})

execute_process(COMMAND ${alone} shape 2x2 -k 3 -s 2 OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out STREQUAL "5x5\n")
  message(FATAL_ERROR "tconv shape without modules: status ${status}, stdout '${out}', stderr '${err}'")
endif()
# --engine auto computes layers under a million multiply-adds with the reference loop.
execute_process(COMMAND ${alone} compute --example 1 OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out MATCHES "^output 4x4 [(]float32[)]\n 1  3  3  2\n")
  message(FATAL_ERROR "tconv compute --example 1 without modules: status ${status}, stdout '${out}', stderr '${err}'")
endif()

function(expect_missing module)
  execute_process(COMMAND ${alone} ${ARGN} WORKING_DIRECTORY ${WORKDIR}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
  if(NOT status EQUAL 1 OR NOT out STREQUAL "" OR
     NOT err MATCHES "^tconv: error: cannot load ${module} \\([^\n]*\\) from [^\n]*bin[^\n]*: not found; rebuild or reinstall tconv\n$")
    message(FATAL_ERROR "tconv ${ARGN} without ${module}: status ${status}, stdout '${out}', stderr '${err}'")
  endif()
endfunction()
expect_missing(libtconv-fast.so compute --example 1 --engine fast)
# 1 x 64 x 32x32 input, 64 output channels, 4x4 kernel: 67 million multiply-adds.
expect_missing(libtconv-fast.so compute --input random:1 --input-size 32x32 --in-channels 64 --weight random:2
               --out-channels 64 -k 4 -o out.npy)
expect_missing(libtconv-fast.so bench --input-size 4x4 --out-channels 1 -k 3 --repeat 1)
expect_missing(libtconv-render.so animate --figure 1 -O frames)
# translate needs no module; inspect needs the ONNX reader.
execute_process(COMMAND ${alone} translate 5 -k 3 -s 2 --pads 0,1 --check OUTPUT_VARIABLE out ERROR_VARIABLE err
                RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out MATCHES "check: largest difference 0 ")
  message(FATAL_ERROR "tconv translate without modules: status ${status}, stdout '${out}', stderr '${err}'")
endif()
expect_missing(libtconv-onnx.so inspect ${SOURCE_DIR}/tests/data/onnx/decoder.onnx)

# With the fast engine but not its BLAS module: the paths without GEMM work, GEMM fails cleanly.
get_filename_component(build_dir ${TCONV} DIRECTORY)
file(MAKE_DIRECTORY ${WORKDIR}/fast)
file(COPY ${TCONV} ${build_dir}/libtconv-fast.so DESTINATION ${WORKDIR}/fast)
set(fast ${WORKDIR}/fast/${name})
execute_process(COMMAND ${fast} bench --input-shape 1x2x4x4 --out-channels 2 -k 3 --repeat 1 --path direct --json
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR NOT out MATCHES "\"engine\":\"direct\"")
  message(FATAL_ERROR "bench --path direct without libtconv-blas.so: status ${status}, stdout '${out}', stderr '${err}'")
endif()
execute_process(COMMAND ${fast} bench --input-shape 1x2x4x4 --out-channels 2 -k 3 --repeat 1 --path gemm
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE status)
if(NOT status EQUAL 1 OR NOT out STREQUAL "" OR
   NOT err MATCHES "^tconv: error: cannot load libtconv-blas.so \\(the GEMM path's BLAS\\) from [^\n]*fast: not found; rebuild or reinstall tconv\n$")
  message(FATAL_ERROR "bench --path gemm without libtconv-blas.so: status ${status}, stdout '${out}', stderr '${err}'")
endif()
