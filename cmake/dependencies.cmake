# Finds every third-party dependency once and exposes it as an imported target.
# Each one comes from a Debian 12 package (scripts/deps.sh); the traps are noted in
# ../shared/reference/platform.md (CAF has no CMake config, cnats' config is broken,
# yaml-cpp 0.7's target is plain `yaml-cpp`).

find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)

# CAF 0.17: no CMake config and no pkg-config file.
find_path(CAF_INCLUDE_DIR caf/all.hpp REQUIRED)
find_library(CAF_CORE_LIB caf_core REQUIRED)
find_library(CAF_IO_LIB caf_io REQUIRED)
add_library(caf::core UNKNOWN IMPORTED)
set_target_properties(caf::core PROPERTIES
  IMPORTED_LOCATION ${CAF_CORE_LIB}
  INTERFACE_INCLUDE_DIRECTORIES ${CAF_INCLUDE_DIR}
  INTERFACE_LINK_LIBRARIES Threads::Threads)
add_library(caf::io UNKNOWN IMPORTED)
set_target_properties(caf::io PROPERTIES
  IMPORTED_LOCATION ${CAF_IO_LIB}
  INTERFACE_LINK_LIBRARIES caf::core)

pkg_check_modules(NATS REQUIRED IMPORTED_TARGET libnats)
pkg_check_modules(LMDB REQUIRED IMPORTED_TARGET lmdb)

find_package(Protobuf REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)       # target: yaml-cpp
find_package(spdlog CONFIG REQUIRED)         # target: spdlog::spdlog
find_package(doctest CONFIG REQUIRED)        # target: doctest::doctest
find_package(Boost 1.74 CONFIG REQUIRED)     # target: Boost::headers
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 CONFIG REQUIRED) # target: nlohmann_json::nlohmann_json
find_package(CLI11 CONFIG REQUIRED)          # target: CLI11::CLI11

find_program(NATS_SERVER_EXECUTABLE nats-server PATHS /usr/bin /usr/sbin REQUIRED)
