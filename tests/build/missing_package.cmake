# Configures the project with one dependency hidden from CMake and checks that the configuration
# stops with tconv's one line naming the Debian package to install (not the package's own error).
# -DSOURCE_DIR=... -DWORKDIR=... -DHIDE=<find_package name> -DEXPECT=<Debian package>
file(REMOVE_RECURSE "${WORKDIR}")
execute_process(
  COMMAND ${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORKDIR}" -DTCONV_BUILD_TESTS=OFF
          -DCMAKE_DISABLE_FIND_PACKAGE_${HIDE}=ON
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE "${WORKDIR}")
if(status EQUAL 0)
  message(FATAL_ERROR "the configuration succeeded without ${HIDE}")
endif()
if(NOT err MATCHES "\n +tconv needs the Debian package ${EXPECT} \\([^\n]*\\): run scripts/install-deps.sh, or apt-get install ${EXPECT}\n")
  message(FATAL_ERROR "no one-line message naming ${EXPECT}; stderr was:\n${err}")
endif()
