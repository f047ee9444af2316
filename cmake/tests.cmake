# Unit tests: one executable per tests/unit/test_<module>.c, run with the source dir as
# working directory so tests can find examples/ and tests/ data.
file(GLOB RL_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
foreach(src ${RL_UNIT_TESTS})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/tests/unit/testlib.c)
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/tests/unit)
  target_link_libraries(${name} PRIVATE relapselab_lib)
  add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "RL_BUILD_DIR=${CMAKE_BINARY_DIR}")
endforeach()

# Command-line tests (shell scripts that drive the built tool).
file(GLOB RL_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/cli/test_*.sh)
foreach(script ${RL_CLI_TESTS})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME cli_${name} COMMAND sh ${script} $<TARGET_FILE:relapselab>
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
