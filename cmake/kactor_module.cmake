# kactor_add_unit_tests(<exe>)
#
# Registers a doctest executable as ONE ctest test that runs all its test cases. (Per-case
# registration through doctest_discover_tests passes each name as a `--test-case=` filter, and
# doctest splits filters at ',' while CMake splits lists at ';': a case whose name holds either
# matched nothing, ran nothing, and still "passed". One test per executable cannot skip silently.)
function(kactor_add_unit_tests exe)
  add_test(NAME ${exe} COMMAND ${exe} --no-intro=true --duration=false)
  set_tests_properties(${exe} PROPERTIES
    ENVIRONMENT "KACTOR_SOURCE_DIR=${PROJECT_SOURCE_DIR};NATS_SERVER=${NATS_SERVER_EXECUTABLE}"
    LABELS unit)
endfunction()

# kactor_module(NAME <lib> DIRS <dir...> DEPS <targets...> [TEST_DEPS <targets...>])
#
# The one way a module is built: every `*.cpp` directly in DIRS that is not a test becomes the static
# library NAME; every `*.test.cpp` beside them becomes the unit-test executable NAME_tests,
# registered with ctest. A unit is `x.hpp`, `x.cpp`, `x.test.cpp` side by side.
function(kactor_module)
  cmake_parse_arguments(M "" "NAME" "DIRS;DEPS;TEST_DEPS" ${ARGN})
  set(all_sources)
  foreach(dir IN LISTS M_DIRS)
    file(GLOB found CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cpp)
    list(APPEND all_sources ${found})
  endforeach()
  set(lib_sources)
  set(test_sources)
  foreach(src IN LISTS all_sources)
    if(src MATCHES "\\.test\\.cpp$")
      list(APPEND test_sources ${src})
    else()
      list(APPEND lib_sources ${src})
    endif()
  endforeach()
  add_library(${M_NAME} STATIC ${lib_sources})
  target_include_directories(${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${M_NAME} PUBLIC ${M_DEPS})
  if(test_sources)
    add_executable(${M_NAME}_tests ${test_sources})
    target_link_libraries(${M_NAME}_tests PRIVATE ${M_NAME} kactor_test_main ${M_TEST_DEPS})
    kactor_add_unit_tests(${M_NAME}_tests)
  endif()
endfunction()
