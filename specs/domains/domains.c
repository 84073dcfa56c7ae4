/* The domains example (not seed code: the seed only shows seL4_DomainSet_Set's declaration;
 * the loader makes that call for each thread's YAML `domain:`). One program, built twice with
 * DOMAIN = 0 and 1, runs as two components in two scheduling domains
 * (specs/domains/domains.yaml). Each spins forever; the component in domain 0 has the higher
 * priority, so without domains the other would never run. A shared frame holds the number of
 * the domain that ran last and a turn counter: a component that finds the other domain's
 * number there knows the kernel switched domains in between, takes the next turn and prints
 * it. Domain 1 waits for domain 0's first turn, so the turns alternate from domain 0. After
 * eight turns, at its next one, domain 0 stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

#ifndef DOMAIN
#error "DOMAIN must be 0 or 1"
#endif

#define TURNS 8

extern char turns[4096];

struct shared {
    volatile seL4_Word last; /* 0: nobody yet; else domain + 1 */
    volatile seL4_Word turn;
};

int main(void)
{
    struct shared *s = (struct shared *)turns;
    for (;;) {
        seL4_Word last = s->last;
        if (last == DOMAIN + 1 || (DOMAIN == 1 && last == 0)) {
            continue; /* still my slice (or domain 0 has not started) */
        }
        /* Print first, publish after: a domain switch in the middle of the line must not let
         * the other domain take the next turn before this one is on the console. */
        seL4_Word turn = s->turn + 1;
        printf("turn %lu: domain %d\n", (unsigned long)turn, DOMAIN);
        fflush(stdout);
        s->turn = turn;
        s->last = DOMAIN + 1;
        if (DOMAIN == 0 && turn > TURNS) {
            printf("domains: the two domains alternated\n");
            fflush(stdout);
            seL4_DebugHalt();
        }
    }
    return 0;
}
