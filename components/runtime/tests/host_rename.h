/*
 * Force-included when the runtime's portable sources are built for the host tests: gives
 * their libc functions rt_* names so they do not clash with the host C library.
 */
#pragma once

#define memcpy rt_memcpy
#define memmove rt_memmove
#define memset rt_memset
#define memcmp rt_memcmp
#define memchr rt_memchr
#define strlen rt_strlen
#define strnlen rt_strnlen
#define strcmp rt_strcmp
#define strncmp rt_strncmp
#define strcpy rt_strcpy
#define strncpy rt_strncpy
#define strcat rt_strcat
#define strchr rt_strchr
#define strrchr rt_strrchr
#define strstr rt_strstr
#define abs rt_abs
#define labs rt_labs
#define atoi rt_atoi
#define strtol rt_strtol
#define strtoul rt_strtoul
#define strtoull rt_strtoull
#define exit rt_exit
#define abort rt_abort
