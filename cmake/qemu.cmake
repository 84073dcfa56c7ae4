# QEMU for tests and for people. This file holds the ONE definition of the base QEMU command line
# (QEMU_BASE_ARGS, compiled into qemu-test and written into every run script) and two functions:
#
#   add_qemu_test(NAME <name> KERNEL_FILE <path> [MODULE_FILE <path>...] EXPECT <file>
#                 [END halt|panic|reset|any] [TIMEOUT <sec>] [UNTIL_MATCH] [ICOUNT] [MEMORY <size>]
#                 [ARCH x86_64|aarch64] [ON_SEL4 [SEL4_EXPECT <file>]] [DEPENDS <targets>...]
#                 [LABELS <labels>...])
#       a ctest test that boots KERNEL_FILE with the modules and checks the output with qemu-test;
#       ARCH aarch64 boots QEMU virt instead (one module, the root task; label aarch64 added);
#       with ON_SEL4 also <name>_on_sel4 (label on-sel4), the same modules on the real seL4
#       16.0.0 debug kernel (tests/on-sel4/on-sel4.sh), checked against SEL4_EXPECT if given
#       (a suite that skips its project-only tests there), else against EXPECT
#   add_qemu_image(NAME <name> KERNEL_FILE <path> [ROOTTASK_FILE <path>] [MEMORY <size>]
#                  [DEPENDS <targets>...])
#       an image folder ${CMAKE_BINARY_DIR}/images/<name>/ with kernel.elf32, the root task and
#       an executable `run` script that boots it interactively
#
# The end of a run follows the isa-debug-exit convention described in docs/testing.md: the kernel
# writes V to port 0xf4, QEMU exits with (V << 1) | 1: 1 = halt, 3 = panic, 0 = reset.

set(QEMU_BINARY qemu-system-x86_64 CACHE STRING
    "QEMU binary (name looked up in PATH, or a path) used by qemu-test and the run scripts")
set(QEMU_DEFAULT_MEMORY 512M)
set(QEMU_BASE_ARGS
    -machine pc -cpu qemu64 -display none -vga none -serial stdio -monitor none -no-reboot
    -device isa-debug-exit,iobase=0xf4,iosize=0x04)
set(QEMU_ICOUNT_ARGS -icount shift=0)  # benchmarks and timing tests: guest time follows instruction count
# The AArch64 machine (qemu-test --arch aarch64; docs/aarch64.md): QEMU virt with GICv2 and a
# Cortex-A57 at EL1, semihosting for the exit status (the kernel's SYS_EXIT gives QEMU the same
# status as isa-debug-exit: 1 = halt, 3 = panic), the root task put at a fixed address by the
# generic loader device. icount needs sleep=off to repeat exactly on AArch64 (facts 7).
set(QEMU_AARCH64_BINARY qemu-system-aarch64 CACHE STRING "QEMU binary of the AArch64 system tests")
set(QEMU_AARCH64_MEMORY 1G)
set(QEMU_AARCH64_BASE_ARGS
    -machine virt,gic-version=2 -cpu cortex-a57 -display none -serial stdio -monitor none -no-reboot -semihosting)
set(QEMU_AARCH64_ICOUNT_ARGS -icount shift=0,sleep=off)
set(QEMU_AARCH64_ROOTTASK_ADDR 0x48000000)
# The generated qemu_config.h of tests/harness reads these two names.
set(QEMU_DEFAULT_BINARY ${QEMU_BINARY})

find_program(QEMU_BINARY_PATH NAMES ${QEMU_BINARY} DOC "QEMU found at configure time")
if(NOT QEMU_BINARY_PATH)
  message(WARNING "${QEMU_BINARY} not found: the system tests will fail until you "
                  "apt-get install qemu-system-x86")
endif()

# Everything the system tests boot, so that building `all` builds it (ctest never builds).
add_custom_target(qemu_test_inputs ALL)
add_dependencies(qemu_test_inputs qemu-test)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/test-logs)

# Makes a build-tree path absolute (relative to the current binary dir) unless it is absolute
# already or starts with a generator expression.
function(_qemu_abs_path out path)
  if(NOT IS_ABSOLUTE "${path}" AND NOT path MATCHES "^\\$<")
    set(path ${CMAKE_CURRENT_BINARY_DIR}/${path})
  endif()
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

# Stops configuration with a message naming the function when a required keyword is missing or
# an unknown argument was given.
function(_qemu_check_args fn required unparsed)
  foreach(key IN LISTS required)
    if(NOT DEFINED arg_${key})
      message(FATAL_ERROR "${fn}: ${key} is required")
    endif()
  endforeach()
  if(unparsed)
    message(FATAL_ERROR "${fn}: unknown arguments: ${unparsed}")
  endif()
endfunction()

function(add_qemu_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "UNTIL_MATCH;ON_SEL4;ICOUNT" "NAME;KERNEL_FILE;EXPECT;SEL4_EXPECT;END;TIMEOUT;MEMORY;ARCH"
                        "MODULE_FILE;DEPENDS;LABELS")
  _qemu_check_args(add_qemu_test "NAME;KERNEL_FILE;EXPECT" "${arg_UNPARSED_ARGUMENTS}")
  if(NOT DEFINED arg_END)
    set(arg_END halt)
  elseif(NOT arg_END MATCHES "^(halt|panic|reset|any)$")
    message(FATAL_ERROR "add_qemu_test(${arg_NAME}): END must be halt, panic, reset or any")
  endif()
  if(NOT DEFINED arg_TIMEOUT)
    set(arg_TIMEOUT 60)
  elseif(NOT arg_TIMEOUT MATCHES "^[1-9][0-9]*$")
    message(FATAL_ERROR "add_qemu_test(${arg_NAME}): TIMEOUT must be whole seconds")
  endif()

  get_filename_component(expect "${arg_EXPECT}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  _qemu_abs_path(kernel "${arg_KERNEL_FILE}")
  set(inputs --timeout ${arg_TIMEOUT})  # what both kernels' runs share
  foreach(module IN LISTS arg_MODULE_FILE)
    _qemu_abs_path(module "${module}")
    list(APPEND inputs --module ${module})
  endforeach()
  if(DEFINED arg_MEMORY)
    list(APPEND inputs --memory ${arg_MEMORY})
  endif()
  if(DEFINED arg_ARCH AND NOT arg_ARCH STREQUAL "x86_64")
    if(NOT arg_ARCH STREQUAL "aarch64" OR arg_ON_SEL4)
      message(FATAL_ERROR "add_qemu_test(${arg_NAME}): ARCH must be x86_64 or aarch64 (no ON_SEL4 on aarch64)")
    endif()
    list(PREPEND inputs --arch aarch64)
    list(APPEND arg_LABELS aarch64)
  endif()
  if(arg_ICOUNT) # guest time follows the instruction count: timing checks independent of host load
    list(APPEND inputs --icount)
  endif()
  set(until "")
  if(arg_UNTIL_MATCH)
    set(until --until-match)
  endif()
  set(logs ${CMAKE_BINARY_DIR}/test-logs)

  add_test(NAME ${arg_NAME}
           COMMAND $<TARGET_FILE:qemu-test> --name ${arg_NAME} --kernel ${kernel} --end ${arg_END} ${until}
                   --log ${logs}/${arg_NAME}.log --expect ${expect} ${inputs})
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 15")  # the harness kills QEMU first
  set(labels system ${arg_LABELS})
  set_tests_properties(${arg_NAME} PROPERTIES TIMEOUT ${ctest_timeout} LABELS "${labels}")
  if(arg_DEPENDS)
    add_dependencies(qemu_test_inputs ${arg_DEPENDS})
  endif()

  if(arg_ON_SEL4)
    if(NOT arg_END MATCHES "^(halt|any)$")
      message(FATAL_ERROR "add_qemu_test(${arg_NAME}): ON_SEL4 needs END halt or any "
                          "(seL4 reports no panic or reset to QEMU)")
    endif()
    set(sel4_expect ${expect})
    if(DEFINED arg_SEL4_EXPECT)
      get_filename_component(sel4_expect "${arg_SEL4_EXPECT}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    endif()
    # seL4_DebugHalt halts the CPU instead of leaving QEMU, so on seL4 the run ends at the
    # expectations; seL4's CPU line comes after ours (the last -cpu counts).
    add_test(NAME ${arg_NAME}_on_sel4
             COMMAND ${CMAKE_SOURCE_DIR}/tests/on-sel4/on-sel4.sh ${CMAKE_BINARY_DIR}
                     $<TARGET_FILE:qemu-test> --name ${arg_NAME}_on_sel4 --kernel @SEL4_KERNEL@ --end any
                     --until-match --log ${logs}/${arg_NAME}_on_sel4.log --expect ${sel4_expect} ${inputs}
                     -- -cpu @SEL4_CPU@)
    set_tests_properties(${arg_NAME}_on_sel4 PROPERTIES TIMEOUT ${ctest_timeout}
                         LABELS "system;on-sel4;${arg_LABELS}")
  endif()
endfunction()

# Writes the run script of an image folder. roottask_name is a file name inside the folder (may
# be empty: no module). An optional fifth argument `aarch64` writes the QEMU virt script
# (QEMU_AARCH64_*: the kernel is kernel.elf, the root task goes to QEMU_AARCH64_ROOTTASK_ADDR by
# the generic loader device) instead of the pc one (kernel.elf32, -initrd).
function(_qemu_write_run_script dir name roottask_name memory)
  set(KERNEL_FILE kernel.elf32)
  set(QEMU_PACKAGE qemu-system-x86)
  set(qemu_binary ${QEMU_BINARY})
  list(JOIN QEMU_BASE_ARGS " " QEMU_BASE)
  list(JOIN QEMU_ICOUNT_ARGS " " QEMU_ICOUNT)
  set(INITRD "")
  if(roottask_name)
    set(INITRD "-initrd \"${roottask_name}\"")
  endif()
  if(ARGN STREQUAL "aarch64")
    set(KERNEL_FILE kernel.elf)
    set(QEMU_PACKAGE qemu-system-arm)
    set(qemu_binary ${QEMU_AARCH64_BINARY})
    list(JOIN QEMU_AARCH64_BASE_ARGS " " QEMU_BASE)
    list(JOIN QEMU_AARCH64_ICOUNT_ARGS " " QEMU_ICOUNT)
    set(INITRD "")
    if(roottask_name)
      set(INITRD "-device \"loader,file=${roottask_name},addr=${QEMU_AARCH64_ROOTTASK_ADDR},force-raw=on\"")
    endif()
  elseif(ARGN)
    message(FATAL_ERROR "_qemu_write_run_script: unknown architecture '${ARGN}'")
  endif()
  set(QEMU_BINARY ${qemu_binary})
  set(NAME ${name})
  set(MEMORY ${memory})
  string(CONFIGURE [==[#!/bin/sh
# Boots the image "@NAME@" in QEMU with its serial console on this terminal (Ctrl-C quits).
# Generated by add_qemu_image() in cmake/qemu.cmake; edits are lost when CMake runs again.
# usage: run [--icount] [--memory SIZE] [--] [QEMU-ARGS...]    (QEMU=path overrides the binary)
# exit status: 0 halt, 1 panic, 2 reset or triple fault, 130 interrupted, else QEMU's status
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 2
qemu=${QEMU:-@QEMU_BINARY@}
icount=
memory=@MEMORY@
while [ $# -gt 0 ]; do
  case $1 in
    --icount) icount="@QEMU_ICOUNT@"; shift ;;
    --memory) [ $# -ge 2 ] || { echo "run: --memory needs a size" >&2; exit 2; }
              memory=$2; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "run: QEMU ($qemu) not found: apt-get install @QEMU_PACKAGE@" >&2
  exit 127
fi
# QEMU runs in this folder and gets the root task by its file name: it hands the -initrd text to
# the kernel as the module's command line, which the kernel prints (no build path in the log).
case $qemu in */*) qemu=$(CDPATH= cd -- "$(dirname -- "$qemu")" && pwd)/${qemu##*/} ;; esac
cd "$here" || exit 2
interrupted=
trap 'interrupted=1' INT TERM
"$qemu" @QEMU_BASE@ -m "$memory" $icount -kernel "$here/@KERNEL_FILE@" @INITRD@ "$@"
status=$?
if [ -n "$interrupted" ]; then echo "run: interrupted" >&2; exit 130; fi
case $status in
  1) echo "run: halt (QEMU status 1)" >&2; exit 0 ;;
  3) echo "run: panic (QEMU status 3)" >&2; exit 1 ;;
  0) echo "run: reset (QEMU status 0)" >&2; exit 2 ;;
  *) echo "run: QEMU exited with status $status" >&2; exit $status ;;
esac
]==] script @ONLY)
  file(GENERATE OUTPUT ${dir}/run CONTENT "${script}"
       FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                        WORLD_READ WORLD_EXECUTE)
endfunction()

function(add_qemu_image)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;KERNEL_FILE;ROOTTASK_FILE;MEMORY" "DEPENDS")
  _qemu_check_args(add_qemu_image "NAME;KERNEL_FILE" "${arg_UNPARSED_ARGUMENTS}")
  if(NOT DEFINED arg_MEMORY)
    set(arg_MEMORY ${QEMU_DEFAULT_MEMORY})
  endif()
  set(dir ${CMAKE_BINARY_DIR}/images/${arg_NAME})
  _qemu_abs_path(kernel "${arg_KERNEL_FILE}")
  add_custom_command(OUTPUT ${dir}/kernel.elf32
    COMMAND ${CMAKE_COMMAND} -E copy ${kernel} ${dir}/kernel.elf32
    DEPENDS ${kernel} ${arg_DEPENDS}
    COMMENT "Image ${arg_NAME}: kernel.elf32" VERBATIM)
  set(outputs ${dir}/kernel.elf32)
  set(roottask_name "")
  if(DEFINED arg_ROOTTASK_FILE)
    _qemu_abs_path(roottask "${arg_ROOTTASK_FILE}")
    get_filename_component(roottask_name "${roottask}" NAME)
    if(roottask MATCHES "\\$<")  # a generator expression has no usable file name here
      set(roottask_name roottask.elf)
    endif()
    add_custom_command(OUTPUT ${dir}/${roottask_name}
      COMMAND ${CMAKE_COMMAND} -E copy ${roottask} ${dir}/${roottask_name}
      DEPENDS ${roottask} ${arg_DEPENDS}
      COMMENT "Image ${arg_NAME}: ${roottask_name}" VERBATIM)
    list(APPEND outputs ${dir}/${roottask_name})
  endif()
  add_custom_target(image_${arg_NAME} ALL DEPENDS ${outputs})
  _qemu_write_run_script(${dir} ${arg_NAME} "${roottask_name}" ${arg_MEMORY})
endfunction()
