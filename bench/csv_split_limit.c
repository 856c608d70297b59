/* The parallel-parse floor for CSV ingestion: libcsv on N threads, with callbacks that only count
   (as ../shared/bench/csv_limit.c), the file cut into N parts at record boundaries and each part
   parsed by its own parser. What any pipeline that parses with libcsv in parallel could reach at
   best, with nothing done per field or row.

     cc -O2 -pthread csv_split_limit.c -lcsv -o csv_split_limit && ./csv_split_limit survey.csv 2

   The cuts are found without reading the file before them: from each part's target offset, the
   first line break whose next two records have the first record's field count (a break inside a
   quoted field fails that test). Each part's parser is checked to have ended outside any record
   (libcsv's pstate ROW_NOT_BEGUN), which proves its cut was a record boundary; if one did not,
   the program says so and exits 1. Parts are at least a MiB (fewer parts for a small file). The file is read with read(2) in 64 KiB pieces per part, as
   csv_limit.c reads it, after the cuts are found with pread(2). */
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PIECE = 1 << 16, PROBE = 1 << 12, MAX_PARTS = 64 };

struct part { const char *path; off_t start, end; long fields, records; int clean, failed; };
static void on_field(void *s, size_t len, void *d) { (void)s; (void)len; ((struct part *)d)->fields++; }
static void on_record(int c, void *d) { (void)c; ((struct part *)d)->records++; }

/* The field counts of the first records of a probe. */
struct probe { long fields, records, widths[2]; };
static void probe_field(void *s, size_t len, void *d) { (void)s; (void)len; ((struct probe *)d)->fields++; }
static void probe_record(int c, void *d) {
    (void)c;
    struct probe *p = d;
    if (p->fields > 0 && p->records < 2) p->widths[p->records++] = p->fields;
    p->fields = 0;
}
static struct probe probe(const char *bytes, size_t count) {
    struct probe result = {0};
    struct csv_parser p;
    csv_init(&p, 0);
    csv_parse(&p, bytes, count, probe_field, probe_record, &result);
    csv_free(&p);
    return result;
}

/* The first record boundary at or after `from`, as described above; the file's size if none. */
static off_t boundary(int fd, off_t size, off_t from, long width) {
    static char buf[PIECE + PROBE];
    while (from < size) {
        ssize_t got = pread(fd, buf, sizeof buf, from);
        if (got <= 0) return size;
        char *nl = memchr(buf, '\n', got > PIECE ? PIECE : (size_t)got);
        if (!nl) { from += got > PIECE ? PIECE : got; continue; }
        off_t start = from + (nl - buf) + 1;
        size_t rest = (size_t)(got - (nl - buf) - 1);
        struct probe p = probe(nl + 1, rest > PROBE ? PROBE : rest);
        if ((p.records >= 2 && p.widths[0] == width && p.widths[1] == width) || start >= size) return start;
        from = start;
    }
    return size;
}

static void *run(void *arg) {
    struct part *p = arg;
    int fd = open(p->path, O_RDONLY);
    if (fd < 0 || lseek(fd, p->start, SEEK_SET) < 0) { p->failed = 1; return NULL; }
    struct csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL);
    char *buf = malloc(PIECE);
    for (off_t at = p->start; at < p->end; ) {
        size_t want = p->end - at < PIECE ? (size_t)(p->end - at) : PIECE;
        ssize_t got = read(fd, buf, want);
        if (got <= 0) { p->failed = 1; break; }
        if (csv_parse(&parser, buf, got, on_field, on_record, p) != (size_t)got) { p->failed = 1; break; }
        at += got;
    }
    p->clean = parser.pstate == 0;
    csv_fini(&parser, on_field, on_record, p);
    csv_free(&parser);
    free(buf);
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: csv_split_limit FILE [PARTS]\n"); return 2; }
    int parts = argc > 2 ? atoi(argv[2]) : 2;
    if (parts < 1 || parts > MAX_PARTS) { fprintf(stderr, "PARTS: 1 to %d\n", MAX_PARTS); return 2; }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) { perror(argv[1]); return 1; }
    static char first[PIECE];
    ssize_t got = pread(fd, first, sizeof first, 0);
    long width = got > 0 ? probe(first, got).widths[0] : 0;
    /* Parts of at least a MiB: a cut needs records around it to be told from a break in a field. */
    while (parts > 1 && st.st_size / parts < (1 << 20)) parts--;
    off_t cuts[MAX_PARTS + 1];
    cuts[0] = 0;
    cuts[parts] = st.st_size;
    for (int k = 1; k < parts; k++) {
        off_t cut = boundary(fd, st.st_size, st.st_size / parts * k, width);
        cuts[k] = cut < cuts[k - 1] ? cuts[k - 1] : cut;
    }
    close(fd);
    pthread_t threads[MAX_PARTS];
    struct part part[MAX_PARTS];
    for (int k = 0; k < parts; k++) {
        part[k] = (struct part){ argv[1], cuts[k], cuts[k + 1], 0, 0, 0, 0 };
        pthread_create(&threads[k], NULL, run, &part[k]);
    }
    long fields = 0, records = 0;
    int ok = 1;
    for (int k = 0; k < parts; k++) {
        pthread_join(threads[k], NULL);
        fields += part[k].fields;
        records += part[k].records;
        if (part[k].failed || (k < parts - 1 && !part[k].clean)) ok = 0;
    }
    printf("records=%ld fields=%ld\n", records, fields);
    if (!ok) { fprintf(stderr, "csv_split_limit: a cut was not a record boundary, or a part failed\n"); return 1; }
    return 0;
}
