# The AArch64 half of the build (docs/aarch64.md): a second CMake project, targets/aarch64,
# configured with the cross compiler (cmake/toolchain-aarch64.cmake) and built as part of
# `all`. It compiles the SAME portable kernel core (KERNEL_HOST_TESTABLE_SOURCES, handed over
# from kernel/CMakeLists.txt) with src/arch/aarch64 and src/plat/qemu-arm-virt, libsel4 with
# its AArch64 headers, and the AArch64 root tasks. Kernels land in build/kernel/
# (kernel-aarch64*.elf), root tasks in build/aarch64/tests/. Without the cross compiler the
# AArch64 part is skipped with a warning.
#
#   AARCH64_BINARY_DIR   where the sub-build puts its root tasks (build/aarch64)
#   AARCH64_KERNEL       the debug AArch64 kernel, build/kernel/kernel-aarch64.elf
#   HAVE_AARCH64         whether the AArch64 part is built
include(ExternalProject)

find_program(AARCH64_GCC aarch64-linux-gnu-gcc)
find_program(QEMU_AARCH64_PATH qemu-system-aarch64)
set(HAVE_AARCH64 OFF)
if(NOT AARCH64_GCC)
  message(WARNING "aarch64-linux-gnu-gcc not found: the AArch64 kernel and tests are skipped "
                  "(apt-get install gcc-aarch64-linux-gnu qemu-system-arm)")
  return()
endif()
set(HAVE_AARCH64 ON)
set(AARCH64_BINARY_DIR ${CMAKE_BINARY_DIR}/aarch64)
set(AARCH64_KERNEL ${CMAKE_BINARY_DIR}/kernel/kernel-aarch64.elf)

string(REPLACE ";" "|" core_sources "${KERNEL_HOST_TESTABLE_SOURCES}")
# The example components the sub-build makes (targets/aarch64), for the image rules of
# tests/examples.
set(AARCH64_EXAMPLE_ELFS "")
foreach(t example_echo_server example_echo_client example_faulter example_fault_handler example_consumer
          example_producer_1 example_producer_2 example_threads example_capabilities example_domain_0 example_domain_1
          example_mapping example_untyped example_timer)
  list(APPEND AARCH64_EXAMPLE_ELFS ${AARCH64_BINARY_DIR}/examples/${t}.elf)
endforeach()
ExternalProject_Add(aarch64
  SOURCE_DIR ${CMAKE_SOURCE_DIR}/targets/aarch64
  BINARY_DIR ${AARCH64_BINARY_DIR}
  LIST_SEPARATOR |
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-aarch64.cmake
             -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
             -DREPO_ROOT=${CMAKE_SOURCE_DIR}
             -DKERNEL_OUTPUT_DIR=${CMAKE_BINARY_DIR}/kernel
             -DKERNEL_CORE_SOURCES=${core_sources}
             -DCAPDL_TOOL=$<TARGET_FILE:capdl-tool>
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${AARCH64_KERNEL} ${AARCH64_BINARY_DIR}/capdl-loader.elf ${AARCH64_EXAMPLE_ELFS}
                   ${CMAKE_BINARY_DIR}/kernel/kernel-aarch64-domains.elf
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD OFF)
add_dependencies(qemu_test_inputs aarch64)
# The components' definitions come from the host tool (capdl-tool gen-source).
add_dependencies(aarch64 capdl-tool)
