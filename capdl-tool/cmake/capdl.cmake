# CMake functions for capDL systems (docs/capdl-tool.md, "Build integration"):
#
#   capdl_component(<name> SOURCES <src>... [YAML <file> [COMPONENT <component>]] [GC_SECTIONS] [MCS])
#       the component ELF <name>.elf (target <name>), built as add_sel4_program builds a program
#       (runtime crt0, sel4runtime, libsel4, user.ld). With YAML, its definitions (cap slots,
#       shared frames, thread addresses) are generated from the description by
#       `capdl-tool gen-source YAML COMPONENT` (COMPONENT defaults to <name>) before it is linked.
#       MCS builds it for the MCS kernel (the MCS runtime and libsel4; docs/mcs.md).
#   capdl_system(<name> YAML <file> COMPONENTS <targets>... [MEMORY <size>] [NO_MEMORY_CHECK] [MCS])
#       the image folder ${CMAKE_BINARY_DIR}/images/<name>/ (kernel.elf32, loader.elf, run,
#       <system>.cdl, .spec, .report.json) made by `capdl-tool build` (target
#       capdl_system_<name>, built by `all`). A YAML `elf:` written as a component target's file
#       name (<target>.elf) is that target's ELF; other `elf:` paths are relative to the YAML.
#       Rebuilt when the YAML, a component, the loader, the kernel or the tool changes.
#       Sets CAPDL_SYSTEM_<name>_DIR in the caller's scope. MCS: a system for the MCS kernel
#       (`kernel: {mcs: true}`), built with CAPDL_KERNEL_MCS_FILE and CAPDL_LOADER_MCS_FILE.
#
# What the functions use (set before including this file; cache variables):
#   CAPDL_TOOL_TARGET     the capdl-tool executable target (in-tree: capdl-tool; SDK: capdl::tool)
#   CAPDL_KERNEL_FILE     the 32-bit Multiboot kernel; CAPDL_KERNEL_DEPENDS what builds it (or empty)
#   CAPDL_LOADER_FILE     the generic loader ELF;       CAPDL_LOADER_DEPENDS what builds it (or empty)
# and add_sel4_program (components/runtime/sel4_program.cmake, or the SDK's copy).

function(capdl_component name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "GC_SECTIONS;MCS" "YAML;COMPONENT" "SOURCES")
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "capdl_component(${name}): SOURCES is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "capdl_component(${name}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(DEFINED arg_COMPONENT AND NOT DEFINED arg_YAML)
    message(FATAL_ERROR "capdl_component(${name}): COMPONENT needs YAML")
  endif()
  set(sources ${arg_SOURCES})
  if(DEFINED arg_YAML)
    if(NOT DEFINED arg_COMPONENT)
      set(arg_COMPONENT ${name})
    endif()
    get_filename_component(yaml "${arg_YAML}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    set(defs ${CMAKE_CURRENT_BINARY_DIR}/${name}_capdl_defs.c)
    add_custom_command(OUTPUT ${defs}
      COMMAND ${CAPDL_TOOL_TARGET} gen-source ${yaml} ${arg_COMPONENT} -o ${defs}
      DEPENDS ${CAPDL_TOOL_TARGET} ${yaml}
      COMMENT "capdl-tool: definitions of component '${arg_COMPONENT}' for ${name}" VERBATIM)
    list(APPEND sources ${defs})
  endif()
  set(gc "")
  if(arg_GC_SECTIONS)
    set(gc GC_SECTIONS)
  endif()
  if(arg_MCS)
    list(APPEND gc MCS)
  endif()
  add_sel4_program(${name} SOURCES ${sources} ${gc})
  if(NOT name MATCHES "\\.elf$")
    set_target_properties(${name} PROPERTIES OUTPUT_NAME ${name}.elf)
  endif()
endfunction()

function(capdl_system name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_MEMORY_CHECK;MCS" "YAML;MEMORY" "COMPONENTS")
  if(NOT DEFINED arg_YAML)
    message(FATAL_ERROR "capdl_system(${name}): YAML is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "capdl_system(${name}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT DEFINED CAPDL_TOOL_TARGET OR NOT DEFINED CAPDL_KERNEL_FILE OR NOT DEFINED CAPDL_LOADER_FILE)
    message(FATAL_ERROR "capdl_system(${name}): CAPDL_TOOL_TARGET, CAPDL_KERNEL_FILE and CAPDL_LOADER_FILE "
                        "must be set (include capdl-tool's CMakeLists or find_package(capdl-sdk))")
  endif()
  get_filename_component(yaml "${arg_YAML}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  set(dir ${CMAKE_BINARY_DIR}/images/${name})
  set(kernel_file ${CAPDL_KERNEL_FILE})
  set(kernel_depends ${CAPDL_KERNEL_DEPENDS})
  set(loader_file ${CAPDL_LOADER_FILE})
  set(loader_depends ${CAPDL_LOADER_DEPENDS})
  if(arg_MCS)
    if(NOT DEFINED CAPDL_KERNEL_MCS_FILE OR NOT DEFINED CAPDL_LOADER_MCS_FILE)
      message(FATAL_ERROR "capdl_system(${name}): MCS needs CAPDL_KERNEL_MCS_FILE and CAPDL_LOADER_MCS_FILE")
    endif()
    set(kernel_file ${CAPDL_KERNEL_MCS_FILE})
    set(kernel_depends ${CAPDL_KERNEL_MCS_DEPENDS})
    set(loader_file ${CAPDL_LOADER_MCS_FILE})
    set(loader_depends ${CAPDL_LOADER_MCS_DEPENDS})
  endif()
  set(cmd ${CAPDL_TOOL_TARGET} build ${yaml} -o ${dir} --kernel ${kernel_file} --loader ${loader_file})
  foreach(t IN LISTS arg_COMPONENTS)
    if(NOT TARGET ${t})
      message(FATAL_ERROR "capdl_system(${name}): COMPONENTS: '${t}' is not a target")
    endif()
    list(APPEND cmd --elf $<TARGET_FILE_NAME:${t}>=$<TARGET_FILE:${t}>)
  endforeach()
  if(DEFINED arg_MEMORY)
    list(APPEND cmd --memory ${arg_MEMORY})
  endif()
  if(arg_NO_MEMORY_CHECK)
    list(APPEND cmd --no-memory-check)
  endif()
  set(outputs ${dir}/loader.elf ${dir}/kernel.elf32 ${dir}/run)
  add_custom_command(OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${cmd}
    DEPENDS ${yaml} ${arg_COMPONENTS} ${CAPDL_TOOL_TARGET} ${kernel_file} ${kernel_depends}
            ${loader_depends}
    COMMENT "capdl-tool: image ${name}" VERBATIM)
  add_custom_target(capdl_system_${name} ALL DEPENDS ${outputs})
  set(CAPDL_SYSTEM_${name}_DIR ${dir} PARENT_SCOPE)
  if(CAPDL_CDL_INTEROP_SCRIPT) # in the tree only: the image's .cdl checked by seL4's parser
    set(nmc "")
    if(arg_NO_MEMORY_CHECK)
      set(nmc --no-memory-check)
    endif()
    add_test(NAME cdl_interop_image_${name}
             COMMAND sh ${CAPDL_CDL_INTEROP_SCRIPT} $<TARGET_FILE:${CAPDL_TOOL_TARGET}> ${CAPDL_PARSE_CAPDL}
                     ${CMAKE_BINARY_DIR}/cdl_interop/image_${name} image ${dir} ${nmc})
    set_tests_properties(cdl_interop_image_${name} PROPERTIES LABELS host)
  endif()
endfunction()
