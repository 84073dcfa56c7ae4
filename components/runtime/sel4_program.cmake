# add_sel4_program(NAME <name> SOURCES <src>... [GC_SECTIONS] [MCS])
#
# Builds a static x86_64 ELF (ET_EXEC at 0x400000) that runs on the kernel as a root task:
# the sources with user_flags, the runtime's crt0, sel4runtime, libsel4 and user.ld.
# GC_SECTIONS adds -ffunction-sections/-fdata-sections and -Wl,--gc-sections.
# MCS builds it for the MCS kernel (sel4runtime_mcs, sel4_mcs: CONFIG_KERNEL_MCS).
set(SEL4_RUNTIME_LINKER_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/user.ld CACHE INTERNAL "")

function(add_sel4_program name)
  cmake_parse_arguments(ARG "GC_SECTIONS;MCS" "" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "add_sel4_program(${name}): SOURCES is required")
  endif()
  if(ARG_MCS)
    add_executable(${name} ${ARG_SOURCES} $<TARGET_OBJECTS:sel4runtime_crt0_mcs>)
    target_link_libraries(${name} PRIVATE user_flags sel4runtime_mcs sel4_mcs)
  else()
    add_executable(${name} ${ARG_SOURCES} $<TARGET_OBJECTS:sel4runtime_crt0>)
    target_link_libraries(${name} PRIVATE user_flags sel4runtime sel4)
  endif()
  target_link_options(${name} PRIVATE -T ${SEL4_RUNTIME_LINKER_SCRIPT})
  set_target_properties(${name} PROPERTIES LINK_DEPENDS ${SEL4_RUNTIME_LINKER_SCRIPT})
  if(ARG_GC_SECTIONS)
    target_compile_options(${name} PRIVATE -ffunction-sections -fdata-sections)
    target_link_options(${name} PRIVATE -Wl,--gc-sections)
  endif()
endfunction()
