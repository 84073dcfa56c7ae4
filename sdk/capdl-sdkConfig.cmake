# find_package(capdl-sdk) for a project outside the tree (docs/sdk.md). The project must enable
# C (project(NAME C)) and build on an x86_64 host with gcc, as the tree does; for AArch64
# components, configure it with -DCMAKE_TOOLCHAIN_FILE=<this folder>/toolchain-aarch64.cmake
# (Debian's gcc-aarch64-linux-gnu; no MCS on AArch64). Gives:
#   capdl_component(NAME SOURCES ... [YAML FILE [COMPONENT C]] [GC_SECTIONS] [MCS])
#   capdl_system(NAME YAML FILE COMPONENTS ... [MEMORY SIZE] [NO_MEMORY_CHECK] [MCS])
#   add_sel4_program(NAME SOURCES ... [GC_SECTIONS] [MCS])  (a root task without a spec)
# and the imported targets capdl::tool, sel4, sel4runtime, sel4runtime_crt0, their MCS builds
# sel4_mcs, sel4runtime_mcs, sel4runtime_crt0_mcs, and user_flags.
get_filename_component(_capdl_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
# The architecture is the project's: AArch64 when it is configured with the SDK's
# toolchain-aarch64.cmake (CMAKE_SYSTEM_PROCESSOR aarch64), x86_64 otherwise.
if(CMAKE_SYSTEM_PROCESSOR STREQUAL "aarch64")
  set(_capdl_arch aarch64)
else()
  set(_capdl_arch x86_64)
endif()
set(_capdl_target "${_capdl_prefix}/lib/capdl/${_capdl_arch}")
if(_capdl_arch STREQUAL "aarch64") # the tree's order: sel4_arch_include, arch_include, include
  set(_capdl_includes "${_capdl_target}/include/sel4_arch;${_capdl_target}/include/arch;${_capdl_target}/include/generic")
else()
  set(_capdl_includes "${_capdl_target}/include")
endif()
if(NOT EXISTS "${_capdl_target}/lib/libsel4.a")
  message(FATAL_ERROR "capdl-sdk: no ${_capdl_arch} libraries in ${_capdl_prefix} (an SDK installed from a build "
                      "without the AArch64 half has x86_64 only)")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/user_flags.cmake)

if(NOT TARGET capdl::tool)
  add_executable(capdl::tool IMPORTED)
  set_target_properties(capdl::tool PROPERTIES IMPORTED_LOCATION "${_capdl_prefix}/bin/capdl-tool")

  add_library(sel4 STATIC IMPORTED)
  set_target_properties(sel4 PROPERTIES IMPORTED_LOCATION "${_capdl_target}/lib/libsel4.a"
                                        INTERFACE_INCLUDE_DIRECTORIES "${_capdl_includes}")
  add_library(sel4runtime STATIC IMPORTED)
  set_target_properties(sel4runtime PROPERTIES IMPORTED_LOCATION "${_capdl_target}/lib/libsel4runtime.a"
                                               INTERFACE_INCLUDE_DIRECTORIES "${_capdl_includes}"
                                               INTERFACE_LINK_LIBRARIES sel4)
  add_library(sel4runtime_crt0 OBJECT IMPORTED)
  set_target_properties(sel4runtime_crt0 PROPERTIES IMPORTED_OBJECTS "${_capdl_target}/lib/crt0.o")
endif()
# The MCS builds (MCS in add_sel4_program/capdl_component; x86_64 only): the same headers, the
# MCS ABI selected by CONFIG_KERNEL_MCS, which sel4_mcs passes on as the tree's target does.
if(NOT TARGET sel4_mcs AND _capdl_arch STREQUAL "x86_64")
  add_library(sel4_mcs STATIC IMPORTED)
  set_target_properties(sel4_mcs PROPERTIES IMPORTED_LOCATION "${_capdl_target}/lib/libsel4_mcs.a"
                                            INTERFACE_INCLUDE_DIRECTORIES "${_capdl_includes}"
                                            INTERFACE_COMPILE_DEFINITIONS "CONFIG_KERNEL_MCS=1")
  add_library(sel4runtime_mcs STATIC IMPORTED)
  set_target_properties(sel4runtime_mcs PROPERTIES IMPORTED_LOCATION "${_capdl_target}/lib/libsel4runtime_mcs.a"
                                                   INTERFACE_INCLUDE_DIRECTORIES "${_capdl_includes}"
                                                   INTERFACE_LINK_LIBRARIES sel4_mcs)
  add_library(sel4runtime_crt0_mcs OBJECT IMPORTED)
  set_target_properties(sel4runtime_crt0_mcs PROPERTIES IMPORTED_OBJECTS "${_capdl_target}/lib/crt0_mcs.o")
endif()

set(CAPDL_TOOL_TARGET capdl::tool)
set(CAPDL_KERNEL_DEPENDS "")
set(CAPDL_LOADER_DEPENDS "")
if(_capdl_arch STREQUAL "aarch64")
  set(CAPDL_KERNEL_FILE "${_capdl_prefix}/share/capdl/kernel-aarch64.elf")
  set(CAPDL_LOADER_FILE "${_capdl_prefix}/share/capdl/capdl-loader-aarch64.elf")
else()
  set(CAPDL_KERNEL_FILE "${_capdl_prefix}/share/capdl/kernel.elf32")
  set(CAPDL_LOADER_FILE "${_capdl_prefix}/share/capdl/capdl-loader.elf")
  set(CAPDL_KERNEL_MCS_FILE "${_capdl_prefix}/share/capdl/kernel-mcs.elf32")
  set(CAPDL_KERNEL_MCS_DEPENDS "")
  set(CAPDL_LOADER_MCS_FILE "${_capdl_prefix}/share/capdl/capdl-loader-mcs.elf")
  set(CAPDL_LOADER_MCS_DEPENDS "")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/sel4_program.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/capdl.cmake)
set(capdl-sdk_FOUND TRUE)
