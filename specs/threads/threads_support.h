/* What the seed's thread code uses but does not define (threads_support.c). */
#pragma once

void new_thread(void *arg0, void *arg1, void *arg2);
void print(int value, long count);
extern int val;
extern char *const tcb_stack_top; /* the end of the new thread's stack */
