/*
 * <assert.h>: assert(e) prints "Assertion failed: EXPR (FILE:LINE FUNC)" and calls abort().
 * Deliberately without include guard: NDEBUG is honoured at each inclusion, as C requires.
 */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef RT_ASSERT_DECLARED
#define RT_ASSERT_DECLARED
__attribute__((noreturn)) void __assert_fail(const char *expr, const char *file, int line, const char *func);
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif
