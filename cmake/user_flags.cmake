# The flags of all code that runs on the target machine, as interface libraries. Used in-tree
# (cmake/target.cmake) and, installed, by the SDK's capdl-sdkConfig.cmake, so a separate project
# builds its components exactly as the tree builds its own.
#
#   target_common: everything that runs on the target machine
#   user_flags:    user-level programs and libraries (libsel4, runtime, root tasks, components)
if(TARGET target_common)
  return()
endif()

add_library(target_common INTERFACE)
target_compile_options(target_common INTERFACE
  -ffreestanding -fno-builtin -nostdinc -fno-pie -fno-pic -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-exceptions -fcf-protection=none
  -fno-strict-aliasing -O2 -g -UNDEBUG
  $<$<COMPILE_LANGUAGE:C>:-std=gnu11>)
# No warning flags here: the SDK installs this file, and its users choose their own warnings.
# The tree's own target code gets -Wall -Wextra -Werror from cmake/target.cmake.
# The compiler's own freestanding headers (stddef.h, stdint.h, stdarg.h, stdbool.h) stay usable.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=include
                OUTPUT_VARIABLE GCC_FREESTANDING_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
# (Given as a flag: CMake drops include directories it considers the compiler's implicit ones.)
target_compile_options(target_common INTERFACE -isystem ${GCC_FREESTANDING_INCLUDE})
target_link_options(target_common INTERFACE -nostdlib -static -no-pie -Wl,--build-id=none
                                            -Wl,-z,noexecstack -Wl,-z,max-page-size=0x1000)

add_library(user_flags INTERFACE)
target_link_libraries(user_flags INTERFACE target_common)
