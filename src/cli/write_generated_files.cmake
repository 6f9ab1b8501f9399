# Writes the man page and the shell completions with the tconv just linked (src/CMakeLists.txt),
# from the tables its --help is made of: OUT_DIR/tconv.1 and OUT_DIR/completions/{tconv.bash,
# _tconv,tconv.fish}. Each file is written beside and renamed, so it is whole or the old one.
# cmake -DTCONV=<binary> -DOUT_DIR=<folder> -P write_generated_files.cmake
function(write_generated file)
  set(partial ${OUT_DIR}/${file}.partial)
  execute_process(COMMAND ${TCONV} ${ARGN} OUTPUT_FILE ${partial} ERROR_VARIABLE error RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    file(REMOVE ${partial})
    message(FATAL_ERROR "tconv ${ARGN} failed (${status}): ${error}")
  endif()
  file(RENAME ${partial} ${OUT_DIR}/${file})
endfunction()

file(MAKE_DIRECTORY ${OUT_DIR}/completions)
write_generated(tconv.1 help --man)
write_generated(completions/tconv.bash completion bash)
write_generated(completions/_tconv completion zsh)
write_generated(completions/tconv.fish completion fish)
