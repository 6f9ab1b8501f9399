# After `tconv compute --view overlap ... -o c.JSON`: JSON, as for c.json (the extension in any case).
file(READ ${WORKDIR}/c.JSON written)
if(NOT written MATCHES "^\\{\"counts\":")
  message(FATAL_ERROR "c.JSON is not the overlap view's JSON:\n${written}")
endif()
