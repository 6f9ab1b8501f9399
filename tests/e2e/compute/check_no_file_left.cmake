# After a failing `tconv compute ... -o FILE`: the working folder is still empty.
file(GLOB left ${WORKDIR}/*)
if(left)
  message(FATAL_ERROR "a failing run left files behind: ${left}")
endif()
