# Helpers that give every NRS target the same standard, warnings and layout.
#
#   nrs_library(<subsystem> SOURCES … [LINKS …])  → library nrs_<subsystem>, namespace nrs::<subsystem>
#   nrs_test(<subsystem> SOURCES … [LINKS …])     → gtest binary nrs_<subsystem>_test, tests named <subsystem>.*
#
# A subsystem links exactly the subsystems its README allows; a forbidden include then fails to link, and the
# `layering` test checks the includes themselves.

set(NRS_WARNINGS
    -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wmissing-declarations -Wswitch-enum)

function(nrs_apply_settings target)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:${NRS_WARNINGS}>)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
endfunction()

function(nrs_library subsystem)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  add_library(nrs_${subsystem} STATIC ${ARG_SOURCES})
  nrs_apply_settings(nrs_${subsystem})
  target_link_libraries(nrs_${subsystem} PUBLIC ${ARG_LINKS})
endfunction()

function(nrs_test subsystem)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINKS" ${ARGN})
  if(NOT NRS_BUILD_TESTS)
    return()
  endif()
  add_executable(nrs_${subsystem}_test ${ARG_SOURCES})
  nrs_apply_settings(nrs_${subsystem}_test)
  target_link_libraries(nrs_${subsystem}_test PRIVATE nrs_${subsystem} ${ARG_LINKS} GTest::gmock GTest::gtest_main)
  # Tests read reference data from the repository: NRS_SOURCE_DIR "/tests/reference/…".
  target_compile_definitions(nrs_${subsystem}_test PRIVATE NRS_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(nrs_${subsystem}_test TEST_PREFIX "${subsystem}." DISCOVERY_TIMEOUT 60
                       PROPERTIES LABELS "unit;${subsystem}")
endfunction()
