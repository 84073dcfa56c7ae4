/* Expectation files: parsing and matching against captured output lines.
 *
 * Format (docs/testing.md has the full description): one expectation per line; plain text is a
 * substring match, "re: PATTERN" a POSIX extended regex; "! TEXT" and "!re: PATTERN" forbid a
 * match anywhere in the output; blank lines and lines starting with '#' are ignored. Positive
 * expectations must match lines in order, each on a line after the previous match. A line "{"
 * opens an unordered group and "}" closes it: the positive expectations inside match in any
 * order, each on a different line after the previous match; the group ends at its last match.
 * The module owns parsing, matching and the description of what failed; reporting the result and
 * deciding pass or fail belong to verdict.c.
 */
#ifndef HARNESS_EXPECT_H
#define HARNESS_EXPECT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum expect_kind { EXPECT_TEXT, EXPECT_REGEX };

struct expectation {
    enum expect_kind kind;
    bool negative;     /* "!" or "!re:": no captured line may match */
    char *raw;         /* the line as written in the file, for messages */
    char *text;        /* the literal text or the regex pattern */
    regex_t re;        /* compiled pattern when kind == EXPECT_REGEX */
    unsigned line;     /* line number in the file, from 1 */
    unsigned group;    /* unordered group it belongs to (consecutive items), 0 = none */
};

/* An unordered group holds at most this many positive expectations. */
#define EXPECT_GROUP_MAX 64

struct expect_list {
    char *file;                 /* file name used in messages */
    struct expectation *items;  /* in file order */
    size_t count;
    size_t positives;           /* how many items are not negative */
};

/* How the output measured up against a list. Indices are into expect_list.items; output line
 * numbers count from 1 (0 = none). */
struct expect_result {
    const struct expectation *missing;    /* first positive expectation not matched in order */
    size_t searched_after;                /* output line the previous positive matched, or 0 */
    size_t found_earlier;                 /* an out-of-order match of `missing` at or before that line */
    const struct expectation *forbidden;  /* first negative expectation that matched */
    size_t forbidden_at;                  /* output line it matched */
};

/* Incremental matching of positive expectations while output arrives (--until-match). */
struct expect_progress {
    size_t next;      /* index of the next item to look at */
    uint64_t done;    /* inside a group starting at next: bit i = item next + i was met */
    bool forbidden;   /* a fed line matched a negative expectation */
};

/* Parses the whole text of an expectation file named file. On success returns 0 and fills l,
 * which the caller frees with expect_free. On a syntax error (empty pattern, invalid regex)
 * returns -1 and writes "file:line: message" into err. */
int expect_parse(const char *file, const char *text, struct expect_list *l, char *err,
                 size_t errlen);

/* Reads and parses the file at path. Returns 0, or -1 with the reason (unreadable file or
 * syntax error naming file:line) in err. */
int expect_load(const char *path, struct expect_list *l, char *err, size_t errlen);

/* Frees everything expect_parse allocated; l is empty afterwards. */
void expect_free(struct expect_list *l);

/* True when line (NUL-terminated, without '\n') matches e, ignoring e->negative. */
bool expect_matches(const struct expectation *e, const char *line);

/* Matches l against all output lines. Returns true when every positive expectation matched in
 * order and no negative one matched anywhere; r describes the first failure of each kind. */
bool expect_verify(const struct expect_list *l, char *const *lines, size_t count,
                  struct expect_result *r);

/* Feeds one complete output line to the in-order matcher (a group's members in any order), and
 * notes in p->forbidden when it matches a negative expectation. */
void expect_feed(const struct expect_list *l, struct expect_progress *p, const char *line);

/* True when every positive expectation has been met by the lines fed so far, counting the
 * unfinished line partial (may be "") as a possible match for the last one. Negative
 * expectations are not considered. */
bool expect_met(const struct expect_list *l, const struct expect_progress *p, const char *partial);

#endif
