# Fuzz targets: one per input reader, fuzz/fuzz_<reader>.c, each defining
# LLVMFuzzerTestOneInput (fuzz/README.md), with the contract checks of fuzz/common.c.
#
# With RL_FUZZ=ON (clang, its own build dir build-fuzz/, `make fuzz`): fuzz_<reader>, the
# target linked with libFuzzer's main(); the custom target `fuzz_targets` builds them all.
# They link relapselab_fuzz_lib, the library's folders the readers live in and call, so that
# a fresh fuzz build compiles a third of the library (the rest would only cost build time:
# its objects are never linked). A reader that starts calling into another folder fails to
# link here: add the folder to RL_FUZZ_LIB_SOURCES.
#
# Otherwise (the ordinary gcc build and the ASan/UBSan build): fuzz_<reader>_replay, the same
# source with fuzz/replay_main.c as main(), and a CTest test fuzz_replay_<reader> that feeds
# it every seed input (fuzz/corpus/<reader>/) and every regression input
# (fuzz/regressions/<reader>/), so the suite replays them under gcc and under the sanitizers.
file(GLOB RL_FUZZ_TARGETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.c)
if(RL_FUZZ)
  add_custom_target(fuzz_targets)
  file(GLOB RL_FUZZ_LIB_SOURCES CONFIGURE_DEPENDS
    src/core/*.c src/protocol/*.c src/biology/*.c src/medpc/*.c src/measures/*.c)
  add_library(relapselab_fuzz_lib STATIC EXCLUDE_FROM_ALL ${RL_FUZZ_LIB_SOURCES})
  target_include_directories(relapselab_fuzz_lib PUBLIC include ${CMAKE_BINARY_DIR}/include
    PRIVATE src)
  target_link_libraries(relapselab_fuzz_lib PUBLIC GSL::gsl SQLite::SQLite3 PkgConfig::YAML
    PkgConfig::NETTLE m)
endif()
foreach(src ${RL_FUZZ_TARGETS})
  get_filename_component(name ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" reader ${name})
  if(RL_FUZZ)
    add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/fuzz/common.c)
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzz_targets ${name})
    target_link_libraries(${name} PRIVATE relapselab_fuzz_lib)
  else()
    set(name ${name}_replay)
    add_executable(${name} ${src} ${CMAKE_SOURCE_DIR}/fuzz/common.c
      ${CMAKE_SOURCE_DIR}/fuzz/replay_main.c)
    add_test(NAME fuzz_replay_${reader} COMMAND ${name}
      ${CMAKE_SOURCE_DIR}/fuzz/corpus/${reader} ${CMAKE_SOURCE_DIR}/fuzz/regressions/${reader})
    target_link_libraries(${name} PRIVATE relapselab_lib)
  endif()
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/src ${CMAKE_SOURCE_DIR}/fuzz)
endforeach()
