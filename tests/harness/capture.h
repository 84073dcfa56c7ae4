/* Captured output of one QEMU run.
 *
 * Owns the byte buffer that collects everything QEMU prints (serial on stdout plus QEMU's own
 * messages on stderr), normalised as it arrives: '\r' is dropped and NUL bytes become '?', so the
 * buffer is always one NUL-terminated text. It also hands out complete lines one at a time for
 * the early-stop check (--until-match) and splits the whole text into lines for the final match.
 * It knows nothing about QEMU or expectations.
 */
#ifndef HARNESS_CAPTURE_H
#define HARNESS_CAPTURE_H

#include <stddef.h>

struct capture {
    char *buf;        /* normalised text, always NUL-terminated when non-NULL */
    size_t len;       /* bytes in buf, excluding the terminator */
    size_t cap;       /* allocated size of buf */
    size_t scanned;   /* offset of the first line not yet returned by capture_next_line */
    char *line;       /* scratch copy of the line last returned by capture_next_line */
    size_t line_cap;  /* allocated size of line */
};

/* The whole text split into lines: lines[i] is line i+1, without its '\n'. */
struct line_list {
    char *storage;    /* one copy of the text with every '\n' replaced by NUL */
    char **lines;
    size_t count;     /* a final line without '\n' counts; an empty tail after '\n' does not */
};

/* Empties c. Never fails. */
void capture_init(struct capture *c);

/* Frees c's memory and empties it. */
void capture_free(struct capture *c);

/* Appends n bytes of raw output, dropping '\r' and turning NUL into '?'.
 * Returns 0, or -1 when out of memory (c is unchanged then). */
int capture_append(struct capture *c, const char *data, size_t n);

/* Returns the next complete line (without '\n') not returned before, or NULL when every complete
 * line has been returned. The string stays valid until the next call or capture_free. */
const char *capture_next_line(struct capture *c);

/* Returns the text after the last '\n' that capture_next_line has consumed: the line still being
 * printed ("" if none). Only meaningful after capture_next_line has returned NULL. */
const char *capture_partial_line(const struct capture *c);

/* Splits the whole text into lines. Returns 0, or -1 when out of memory. */
int capture_split(const struct capture *c, struct line_list *out);

/* Frees what capture_split allocated. */
void line_list_free(struct line_list *l);

#endif
