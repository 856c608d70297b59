/* pingpong: how long two threads take to hand a cache line back and forth, for bench/run.sh.
 *
 * On this machine the multi-threaded pipelines run in two modes, the slow one 20-30% slower,
 * while the one-threaded floors do not change. Two threads of arithmetic alone run at full speed
 * in both; passing data between them does not: a round trip of one cache line took 92-129 ns
 * when the pipelines ran fast and 370-410 ns when they ran slow (2026-12-07). The bench prints
 * this before and after its rounds, so that a table says which mode it was measured in.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#define ROUNDS 2000000
static _Atomic long turn = 0;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void *player(void *argument) {
    long me = (long)argument;
    for (long i = 0; i < ROUNDS; i++) {
        while (atomic_load_explicit(&turn, memory_order_acquire) % 2 != me) {}
        atomic_fetch_add_explicit(&turn, 1, memory_order_release);
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    double start = now();
    pthread_create(&a, NULL, player, (void *)0);
    pthread_create(&b, NULL, player, (void *)1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%.0f\n", (now() - start) / ROUNDS * 1e9);
    return 0;
}
