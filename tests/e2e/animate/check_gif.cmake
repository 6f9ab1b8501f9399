# After `tconv animate --figure 3 --gif stride.gif`: a GIF89a with the Netscape loop extension.
file(READ ${WORKDIR}/stride.gif header LIMIT 6 HEX)
if(NOT header STREQUAL "474946383961")
  fail("stride.gif does not start with GIF89a: ${header}")
endif()
file(STRINGS ${WORKDIR}/stride.gif netscape REGEX "NETSCAPE2.0")
if(netscape STREQUAL "")
  fail("stride.gif has no NETSCAPE2.0 loop extension")
endif()
