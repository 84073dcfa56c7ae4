/* Producer 1 of the notifications example: the seed program "producer1.c"
 * (sel4-mechanisms.md) with one change, `int id = 1;` instead of `int id = 2;`: the seed has one
 * producer text with id 2, and its consumer checks that buffer 1 holds 1 (badge 0b01) and buffer 2
 * holds 2 (badge 0b10), so producer 1 must write 1 (as in the seL4 notifications tutorial).
 * producer.c is the seed text unchanged (id 2), run as producer 2. */


#include <assert.h>
#include <stdio.h>
#include <sel4/sel4.h>
#include <utils/util.h>
#include <sel4utils/util.h>

// caps to notification objects
extern seL4_CPtr empty;
extern seL4_CPtr full;
extern seL4_CPtr endpoint;

int main(int c, char *argv[]) {
    int id = 1;
    
    seL4_Recv(endpoint, NULL);
    volatile long *buf = (volatile long *) seL4_GetMR(0);
    
    for (int i = 0; i < 100; i++) {
        seL4_Wait(empty, NULL);
        printf("%d: produce\n", id);
        *buf = id;
        seL4_Signal(full);
    }
    return 0;
}
