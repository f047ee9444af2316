# Unit tests: one executable per tests/unit/test_<module>.c, run with the source dir as
# working directory so tests can find examples/ and tests/ data.
#
# A test file whose case table marks cases RL_TEST_SHARED (they read ../shared, absent in
# CI; tests/unit/testlib.h) gets two CTest entries: <name> runs the other cases
# (--no-shared) and <name>:shared runs those (--shared); the latter exits 77 when the data is
# absent, which CTest reports as "Skipped" (SKIP_RETURN_CODE), not as a pass. Set
# RL_SHARED_DIR in the environment to point the tests at another copy of ../shared.
# A test's own helpers, tests/unit/<module>_fixtures.c, are linked into test_<module>.
file(GLOB RL_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
foreach(src ${RL_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^test_" "" module ${name})
  set(fixtures ${CMAKE_SOURCE_DIR}/tests/unit/${module}_fixtures.c)
  if(EXISTS ${fixtures})
    add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/tests/unit/testlib.c ${fixtures})
  else()
    add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/tests/unit/testlib.c)
  endif()
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/tests/unit)
  target_link_libraries(${name} PRIVATE relapselab_lib)
  file(STRINGS ${src} shared_cases REGEX "RL_TEST_SHARED}")
  if(shared_cases)
    add_test(NAME ${name} COMMAND ${name} --no-shared WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    add_test(NAME ${name}:shared COMMAND ${name} --shared WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(${name}:shared PROPERTIES SKIP_RETURN_CODE 77
      ENVIRONMENT "RL_BUILD_DIR=${CMAKE_BINARY_DIR}")
  else()
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endif()
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "RL_BUILD_DIR=${CMAKE_BINARY_DIR}")
endforeach()

# Command-line tests (shell scripts that drive the built tool). A script that cannot run
# (data or a tool absent) calls `skip` (tests/cli/lib.sh), which exits 77: "Skipped".
file(GLOB RL_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/test_*.sh)
foreach(script ${RL_CLI_TESTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND sh ${script} $<TARGET_FILE:relapselab>
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(cli_${name} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
