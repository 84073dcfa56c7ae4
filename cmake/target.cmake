# Target code (kernel, libsel4, user runtime and programs) is freestanding x86_64 built with the
# host gcc. These interface libraries carry the flags; CMAKE_C_FLAGS stays empty of them so the
# host targets are unaffected.
#
#   target_common, user_flags: cmake/user_flags.cmake (installed with the SDK too)
#   kernel_flags:  the kernel (upper half, no red zone, no SSE/x87 in kernel code)

include(${CMAKE_CURRENT_LIST_DIR}/user_flags.cmake)
# Our own target code (kernel, libsel4, runtime, loader, example components) warns strictly;
# the SDK's installed user_flags do not force this on user components (docs/sdk.md).
target_compile_options(target_common INTERFACE -Wall -Wextra -Werror)

add_library(kernel_flags INTERFACE)
target_link_libraries(kernel_flags INTERFACE target_common)
target_compile_options(kernel_flags INTERFACE -mcmodel=kernel -mno-red-zone -mgeneral-regs-only
                                              -mno-mmx -mno-sse -mno-sse2)

