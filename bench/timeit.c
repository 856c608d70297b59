/* timeit: runs a command once and writes what it cost, for bench/run.sh.
 *
 *   timeit TIMEFILE OUTFILE COMMAND [ARG…]
 *
 * Writes one line to TIMEFILE: "wall_seconds cpu_seconds peak_kb" — the wall time from just
 * before fork() to wait4()'s return (CLOCK_MONOTONIC), the child's user + system time and its
 * peak resident set (wait4's rusage, in microseconds and kilobytes). The command's standard
 * output goes to OUTFILE. Exits with the command's status (128 + signal when it was killed).
 *
 * Why not GNU time with `date +%s%N` around it, as before: GNU time reports CPU in 10 ms steps
 * (the Millbrook sample takes about 30 ms of CPU), and the wall time taken around it included
 * starting `date` and GNU time themselves, 2.5–3 ms on this machine, all of it counted as the
 * sample's "fixed cost". Here the clock brackets the command's own fork, exec, run and exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: timeit TIMEFILE OUTFILE COMMAND [ARG...]\n");
        return 2;
    }
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out < 0) {
        perror(argv[2]);
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 2;
    }
    if (pid == 0) {
        dup2(out, STDOUT_FILENO);
        execvp(argv[3], argv + 3);
        perror(argv[3]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno == EINTR) continue;
        perror("wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    close(out);
    double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
               + (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    FILE *times = fopen(argv[1], "w");
    if (!times) {
        perror(argv[1]);
        return 2;
    }
    fprintf(times, "%.6f %.6f %ld\n", wall, cpu, usage.ru_maxrss);
    fclose(times);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return WEXITSTATUS(status);
}
