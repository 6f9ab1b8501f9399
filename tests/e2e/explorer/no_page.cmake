# After a run that failed: the page it was asked for is not there, nor a temporary file.
file(GLOB left ${WORKDIR}/p.html ${WORKDIR}/*.tconv-*)
if(left)
  fail("a failed run left ${left}")
endif()
