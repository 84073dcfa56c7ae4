/* Expectation files: parser (one line at a time, prefix rules) and the in-order matcher.
 * See expect.h for the format and contracts; docs/testing.md documents it for users. */
#include "expect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Returns the text after prefix when line starts with it, with one following space skipped;
 * NULL otherwise. */
static const char *after_prefix(const char *line, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(line, prefix, n) != 0)
        return NULL;
    return line[n] == ' ' ? line + n + 1 : line + n;
}

/* True for lines the parser ignores: empty, only blanks, or a '#' comment. */
static bool is_ignored(const char *line)
{
    if (line[0] == '#')
        return true;
    return line[strspn(line, " \t")] == '\0';
}

/* Sets kind, negative and text of e from one line of the file. Returns a pointer into line to
 * the text or pattern. */
static const char *classify(const char *line, struct expectation *e)
{
    const char *rest;
    e->kind = EXPECT_TEXT;
    e->negative = false;
    if ((rest = after_prefix(line, "!re:"))) {
        e->kind = EXPECT_REGEX;
        e->negative = true;
    } else if ((rest = after_prefix(line, "re:"))) {
        e->kind = EXPECT_REGEX;
    } else if ((rest = after_prefix(line, "!"))) {
        e->negative = true;
    } else {
        rest = line;
    }
    return rest;
}

/* Fills e from one meaningful line. Returns 0, or -1 with err set to "file:line: message". */
static int parse_line(const char *file, unsigned lineno, const char *line, struct expectation *e,
                      char *err, size_t errlen)
{
    memset(e, 0, sizeof(*e));
    e->line = lineno;
    const char *text = classify(line, e);
    if (*text == '\0') {
        snprintf(err, errlen, "%s:%u: empty %s after '%.*s'", file, lineno,
                 e->kind == EXPECT_REGEX ? "pattern" : "text", (int)(text - line), line);
        return -1;
    }
    e->raw = strdup(line);
    e->text = strdup(text);
    if (!e->raw || !e->text) {
        snprintf(err, errlen, "%s:%u: out of memory", file, lineno);
        return -1;
    }
    if (e->kind != EXPECT_REGEX)
        return 0;
    int rc = regcomp(&e->re, e->text, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[128];
        regerror(rc, &e->re, why, sizeof(why));
        snprintf(err, errlen, "%s:%u: invalid regular expression '%s': %s", file, lineno, e->text,
                 why);
        e->kind = EXPECT_TEXT; /* nothing compiled: expect_free must not regfree */
        return -1;
    }
    return 0;
}

/* Appends a parsed expectation to l. Returns 0, or -1 when out of memory. */
static int push(struct expect_list *l, const struct expectation *e)
{
    struct expectation *items = realloc(l->items, (l->count + 1) * sizeof(*items));
    if (!items)
        return -1;
    l->items = items;
    l->items[l->count++] = *e;
    if (!e->negative)
        l->positives++;
    return 0;
}

/* Frees the strings and regex of one expectation. */
static void free_item(struct expectation *e)
{
    if (e->kind == EXPECT_REGEX)
        regfree(&e->re);
    free(e->raw);
    free(e->text);
}

/* The parser's state of unordered groups: the open one (0 = none), where it opened, how many
 * positive members it has, and the last group number given. */
struct group_state {
    unsigned open, opened_at, members, last;
};

/* Handles "{" and "}". Returns 1 when line was one (consumed), 0 when not, -1 on an error. */
static int group_line(const char *file, unsigned lineno, const char *line, struct group_state *g,
                      char *err, size_t errlen)
{
    if (strcmp(line, "{") == 0) {
        if (g->open) {
            snprintf(err, errlen, "%s:%u: '{' inside the group opened at line %u: groups do not nest",
                     file, lineno, g->opened_at);
            return -1;
        }
        *g = (struct group_state){ ++g->last, lineno, 0, g->last };
        return 1;
    }
    if (strcmp(line, "}") == 0) {
        if (!g->open) {
            snprintf(err, errlen, "%s:%u: '}' without an open group", file, lineno);
            return -1;
        }
        if (g->members == 0) {
            snprintf(err, errlen, "%s:%u: the group opened at line %u has no positive expectation",
                     file, lineno, g->opened_at);
            return -1;
        }
        g->open = 0;
        return 1;
    }
    return 0;
}

/* Parses one line (already cut out of the text and without '\n'). */
static int parse_one(struct expect_list *l, unsigned lineno, char *line, struct group_state *g,
                     char *err, size_t errlen)
{
    size_t n = strlen(line);
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    if (is_ignored(line))
        return 0;
    int grp = group_line(l->file, lineno, line, g, err, errlen);
    if (grp != 0)
        return grp < 0 ? -1 : 0;
    struct expectation e;
    if (parse_line(l->file, lineno, line, &e, err, errlen) != 0) {
        free_item(&e);
        return -1;
    }
    e.group = g->open;
    if (g->open && !e.negative && ++g->members > EXPECT_GROUP_MAX) {
        snprintf(err, errlen, "%s:%u: the group opened at line %u has more than %d expectations",
                 l->file, lineno, g->opened_at, EXPECT_GROUP_MAX);
        free_item(&e);
        return -1;
    }
    if (push(l, &e) != 0) {
        free_item(&e);
        snprintf(err, errlen, "%s:%u: out of memory", l->file, lineno);
        return -1;
    }
    return 0;
}

int expect_parse(const char *file, const char *text, struct expect_list *l, char *err,
                 size_t errlen)
{
    memset(l, 0, sizeof(*l));
    l->file = strdup(file);
    char *copy = strdup(text);
    int rc = (l->file && copy) ? 0 : -1;
    if (rc != 0)
        snprintf(err, errlen, "%s: out of memory", file);
    unsigned lineno = 0;
    struct group_state g = { 0 };
    for (char *line = copy; rc == 0 && line; lineno++) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (nl || *line)
            rc = parse_one(l, lineno + 1, line, &g, err, errlen);
        line = nl ? nl + 1 : NULL;
    }
    if (rc == 0 && g.open) {
        snprintf(err, errlen, "%s:%u: the group opened here is not closed with '}'", file, g.opened_at);
        rc = -1;
    }
    free(copy);
    if (rc != 0)
        expect_free(l);
    return rc;
}

/* Reads the whole file into a malloc'd NUL-terminated string, or returns NULL (errno set). */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            char *p = realloc(text, cap);
            if (!p) {
                free(text);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            text = p;
        }
        got = fread(text + len, 1, 4096, f);
        len += got;
    } while (got > 0);
    text[len] = '\0';
    fclose(f);
    return text;
}

int expect_load(const char *path, struct expect_list *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof(*l));
    char *text = read_file(path);
    if (!text) {
        snprintf(err, errlen, "cannot read expectation file %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = expect_parse(path, text, l, err, errlen);
    free(text);
    return rc;
}

void expect_free(struct expect_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free_item(&l->items[i]);
    free(l->items);
    free(l->file);
    memset(l, 0, sizeof(*l));
}

bool expect_matches(const struct expectation *e, const char *line)
{
    if (e->kind == EXPECT_REGEX)
        return regexec(&e->re, line, 0, NULL, 0) == 0;
    return strstr(line, e->text) != NULL;
}

/* Output line (from 1) of the first match of e in lines[from..count), or 0. */
static size_t find_from(const struct expectation *e, char *const *lines, size_t from, size_t count)
{
    for (size_t i = from; i < count; i++)
        if (expect_matches(e, lines[i]))
            return i + 1;
    return 0;
}

/* One past the last item of the group item i belongs to (i + 1 outside groups). */
static size_t group_end(const struct expect_list *l, size_t i)
{
    size_t j = i + 1;
    while (l->items[i].group && j < l->count && l->items[j].group == l->items[i].group)
        j++;
    return j;
}

/* The search of an unordered group: items [first, end) must match distinct output lines after
 * line `after`; used[k] marks output line k + 1 taken. */
struct group_search {
    const struct expect_list *l;
    char *const *lines;
    size_t count, after, end;
    bool *used;
    size_t *at;        /* at[i - first]: the output line item i matched */
    size_t first;
};

/* Assigns items i.. of the group to free matching lines, earliest first, backtracking when a
 * later item finds no line left. Returns the first item that cannot be placed, or end. */
static size_t place_from(struct group_search *g, size_t i)
{
    while (i < g->end && g->l->items[i].negative)
        i++;
    if (i == g->end)
        return g->end;
    size_t worst = i;
    for (size_t k = g->after; k < g->count; k++) {
        if (g->used[k] || !expect_matches(&g->l->items[i], g->lines[k]))
            continue;
        g->used[k] = true;
        g->at[i - g->first] = k + 1;
        size_t failed = place_from(g, i + 1);
        if (failed == g->end)
            return g->end;
        g->used[k] = false;
        worst = failed > worst ? failed : worst;
    }
    return worst;
}

/* Matches the group starting at item first after output line after. Returns the output line of
 * its last match, or 0 with the first member that found no line in *missing. */
static size_t match_group(const struct expect_list *l, size_t first, char *const *lines,
                          size_t count, size_t after, size_t *missing)
{
    size_t end = group_end(l, first), last = 0;
    bool *used = calloc(count + 1, sizeof(bool));
    size_t *at = calloc(end - first, sizeof(size_t));
    struct group_search g = { l, lines, count, after, end, used, at, first };
    size_t failed = used && at ? place_from(&g, first) : first;
    for (size_t i = 0; failed == end && i < end - first; i++)
        last = at[i] > last ? at[i] : last;
    *missing = failed;
    free(used);
    free(at);
    return failed == end ? last : 0;
}

/* Runs the in-order match of the positive expectations (groups in any order inside); fills the
 * "missing" fields of r. */
static void check_positives(const struct expect_list *l, char *const *lines, size_t count,
                            struct expect_result *r)
{
    size_t after = 0; /* output line of the previous match */
    for (size_t i = 0; i < l->count; i = group_end(l, i)) {
        const struct expectation *e = &l->items[i];
        size_t at = 0, missing = i;
        if (e->group)
            at = match_group(l, i, lines, count, after, &missing);
        else if (!e->negative)
            at = find_from(e, lines, after, count);
        else
            continue;
        if (at == 0) {
            r->missing = &l->items[missing];
            r->searched_after = after;
            r->found_earlier = find_from(r->missing, lines, 0, after);
            return;
        }
        after = at;
    }
}

/* Looks for the first negative expectation matching any line; fills the "forbidden" fields. */
static void check_negatives(const struct expect_list *l, char *const *lines, size_t count,
                            struct expect_result *r)
{
    for (size_t i = 0; i < l->count; i++) {
        const struct expectation *e = &l->items[i];
        size_t at = e->negative ? find_from(e, lines, 0, count) : 0;
        if (at != 0) {
            r->forbidden = e;
            r->forbidden_at = at;
            return;
        }
    }
}

bool expect_verify(const struct expect_list *l, char *const *lines, size_t count,
                  struct expect_result *r)
{
    memset(r, 0, sizeof(*r));
    check_positives(l, lines, count, r);
    check_negatives(l, lines, count, r);
    return !r->missing && !r->forbidden;
}

/* Index of the first positive item at or after i, or l->count. */
static size_t next_positive(const struct expect_list *l, size_t i)
{
    while (i < l->count && l->items[i].negative)
        i++;
    return i;
}

/* Positive items of the group at p->next (or the single item there) not met yet; *only is set
 * to one of them. */
static size_t unmet_here(const struct expect_list *l, const struct expect_progress *p, size_t *only)
{
    size_t n = 0, end = group_end(l, p->next);
    for (size_t i = p->next; i < end; i++) {
        if (!l->items[i].negative && !(p->done >> (i - p->next) & 1)) {
            *only = i;
            n++;
        }
    }
    return n;
}

/* Moves past the item or group at p->next once all of it is met. */
static void advance(const struct expect_list *l, struct expect_progress *p)
{
    size_t only;
    if (p->next < l->count && unmet_here(l, p, &only) == 0) {
        p->next = next_positive(l, group_end(l, p->next));
        p->done = 0;
    }
}

void expect_feed(const struct expect_list *l, struct expect_progress *p, const char *line)
{
    for (size_t i = 0; i < l->count; i++)
        p->forbidden |= l->items[i].negative && expect_matches(&l->items[i], line);
    p->next = next_positive(l, p->next);
    size_t end = p->next < l->count ? group_end(l, p->next) : p->next;
    for (size_t i = p->next; i < end; i++) {
        if (!l->items[i].negative && !(p->done >> (i - p->next) & 1) && expect_matches(&l->items[i], line)) {
            p->done |= (uint64_t)1 << (i - p->next);
            break; /* one output line meets one expectation */
        }
    }
    advance(l, p);
}

bool expect_met(const struct expect_list *l, const struct expect_progress *p, const char *partial)
{
    size_t i = next_positive(l, p->next), only = i;
    if (i == l->count)
        return true;
    struct expect_progress here = { i, i == p->next ? p->done : 0, false };
    if (unmet_here(l, &here, &only) != 1 || next_positive(l, group_end(l, i)) != l->count ||
        *partial == '\0')
        return false;
    return expect_matches(&l->items[only], partial);
}
