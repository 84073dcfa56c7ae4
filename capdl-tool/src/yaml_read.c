/*
 * Reading the text into the document the front end walks (yaml_internal.h, yaml_read): one
 * pass of libyaml's event parser that screens every event and builds the document from the
 * same events. It replaces two passes (screening the events, then yaml_parser_load) and keeps
 * what they reported, in their order:
 * - a screening error (nesting too deep, a second document, NUL in a scalar) anywhere in the
 *   stream comes first and alone: the screening pass saw the whole stream before loading began;
 * - else the loader's first error: a syntax error up to the end of the first document, an
 *   undefined alias or a duplicate anchor (in libyaml's words and marks);
 * - a syntax error after the first document's end is not reported: the loader stopped there.
 * A verify policy is read without the screening, as yaml_parser_load alone read it.
 * The document holds what yaml_parser_load's held that the passes use, in the front end's own
 * compact form (ydoc_t): nodes in event order with their start marks, scalar texts, and each
 * collection's children, an alias as the anchored node's index (an alias inside its own
 * anchor's collection makes a cycle, as in libyaml). A collection's children are known at its
 * end event: they gather on a stack until then and move to the shared kids array in one piece.
 */
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A system description nests a handful of levels: anything deeper is refused (libyaml's
 * scanner takes time quadratic in the depth). */
#define YAML_MAX_DEPTH 32

/* The error yaml_parser_load would have left in its parser. */
typedef struct load_error {
    bool set;
    yaml_error_type_t type;
    const char *problem, *context;
    yaml_mark_t mark;
    size_t offset;
} load_error_t;

typedef struct anchor {
    yaml_char_t *name;
    uint32_t node;
} anchor_t;

/* A collection being filled: its children are pending[from ..]. */
typedef struct open_node {
    uint32_t node;
    size_t from;
} open_node_t;

typedef struct reader {
    yc_t *c;
    int depth, docs;
    bool loading;       /* what yaml_parser_load would still read: the first document, no error yet */
    VEC(open_node_t) open;
    VEC(uint32_t) pending; /* children of the open collections, innermost last */
    VEC(anchor_t) anchors;
    uint32_t nodes_cap;    /* room in c->doc.nodes */
    size_t kids_n, kids_cap; /* filled and room in c->doc.kids */
    load_error_t fail;
} reader_t;

static pos_t mark_pos(yc_t *c, yaml_mark_t mk)
{
    return (pos_t){ c->file, (uint32_t)mk.line + 1, (uint32_t)mk.column + 1 };
}

/* ---- screening ---- */

/* One event; false once an error was reported. */
static bool screen_event(yc_t *c, const yaml_event_t *ev, int *depth, int *docs)
{
    switch (ev->type) {
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (++*depth > YAML_MAX_DEPTH) {
            char *msg = xasprintf("nesting deeper than %d levels: a system description needs far fewer", YAML_MAX_DEPTH);
            err(c, mark_pos(c, ev->start_mark), NULL, NULL, msg);
            free(msg);
            return false;
        }
        return true;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: --*depth; return true;
    case YAML_DOCUMENT_START_EVENT:
        if (++*docs > 1) {
            err(c, mark_pos(c, ev->start_mark), NULL, NULL,
                "a second YAML document: a system description is one document (remove this '---' and what follows)");
            return false;
        }
        return true;
    case YAML_SCALAR_EVENT:
        if (strlen((const char *)ev->data.scalar.value) != ev->data.scalar.length) {
            err(c, mark_pos(c, ev->start_mark), NULL, NULL, "a NUL character inside a string: names and values are text");
            return false;
        }
        return true;
    default: return true;
    }
}

/* ---- building the document ---- */

/* Scalar texts: chunks of CHUNK_BYTES filled in turn; a text of more than BIG_TEXT bytes gets a
 * chunk of its own (placed behind the one being filled), so no chunk is left mostly empty. */
#define CHUNK_BYTES (64u << 10)
#define BIG_TEXT (CHUNK_BYTES / 8)

struct ychunk {
    ychunk_t *next;
    size_t used, size;
    char text[];
};

static ychunk_t *new_chunk(size_t size)
{
    ychunk_t *k = xmalloc(sizeof(ychunk_t) + size);
    k->next = NULL;
    k->used = 0;
    k->size = size;
    return k;
}

/* A NUL-ended copy of the len bytes at s in the document's arena. */
static const char *arena_copy(ydoc_t *d, const char *s, size_t len)
{
    ychunk_t *k = d->chunks;
    if (len + 1 > BIG_TEXT) {
        ychunk_t *big = new_chunk(len + 1);
        if (k) {
            big->next = k->next;
            k->next = big;
        } else {
            d->chunks = big;
        }
        k = big;
    } else if (!k || k->size - k->used < len + 1) {
        k = new_chunk(CHUNK_BYTES);
        k->next = d->chunks;
        d->chunks = k;
    }
    char *t = k->text + k->used;
    memcpy(t, s, len);
    t[len] = '\0';
    k->used += len + 1;
    return t;
}

/* The size yaml_internal.h promises (libyaml's yaml_node_t is 96 bytes). */
_Static_assert(sizeof(ynode_t) == 24, "ynode_t: a pointer or index, line, column, count and type in 24 bytes");

/* Node i of the document being built. */
static ynode_t *doc_node(reader_t *r, uint32_t i)
{
    return &r->c->doc.nodes[i];
}

static void composer_error(reader_t *r, const char *problem, yaml_mark_t mark, const char *context)
{
    r->fail = (load_error_t){ .set = true, .type = YAML_COMPOSER_ERROR, .problem = problem, .context = context,
                              .mark = mark };
    r->loading = false;
}

/* Appends a node of type t starting at mark; its index. */
static uint32_t push_node(reader_t *r, uint8_t t, yaml_mark_t mark)
{
    ydoc_t *d = &r->c->doc;
    if (d->n_nodes == r->nodes_cap) {
        if (r->nodes_cap > UINT32_MAX / 2) {
            oom(); /* node indices are 32-bit: a document this large cannot be held */
        }
        r->nodes_cap = r->nodes_cap ? 2 * r->nodes_cap : 256;
        d->nodes = xrealloc(d->nodes, (size_t)r->nodes_cap * sizeof(ynode_t));
    }
    d->nodes[d->n_nodes] = (ynode_t){ .type = t, .line = (uint32_t)mark.line, .col = (uint32_t)mark.column };
    return d->n_nodes++;
}

/* Adds node i under the innermost open collection (the root has none). */
static void attach(reader_t *r, uint32_t i)
{
    if (r->open.n) {
        VEC_PUSH(r->pending, i);
    }
}

/* Registers the anchor of new node i, then attaches it; false on a duplicate anchor. */
static bool place(reader_t *r, uint32_t i, yaml_char_t **anchor, yaml_mark_t mark)
{
    if (*anchor) {
        for (size_t k = 0; k < r->anchors.n; k++) {
            if (strcmp((const char *)r->anchors.v[k].name, (const char *)*anchor) == 0) {
                composer_error(r, "second occurrence", mark, "found duplicate anchor; first occurrence");
                return false;
            }
        }
        VEC_PUSH(r->anchors, ((anchor_t){ *anchor, i }));
        *anchor = NULL;
    }
    attach(r, i);
    return true;
}

/* A scalar's length runs to its first NUL, as the C string the passes compare does (a system
 * description has none: screened; a policy file may). */
static void build_scalar(reader_t *r, yaml_event_t *ev)
{
    const char *v = (const char *)ev->data.scalar.value;
    size_t len = strlen(v);
    if (len > UINT32_MAX) {
        oom(); /* beyond what a node can hold */
    }
    uint32_t i = push_node(r, YN_SCALAR, ev->start_mark);
    ynode_t *n = doc_node(r, i);
    n->value = arena_copy(&r->c->doc, v, len);
    n->n = (uint32_t)len;
    place(r, i, &ev->data.scalar.anchor, ev->start_mark);
}

/* A sequence or mapping: its children gather on r->pending up to its end event. */
static void build_collection(reader_t *r, yaml_event_t *ev)
{
    bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
    uint32_t i = push_node(r, seq ? YN_SEQUENCE : YN_MAPPING, ev->start_mark);
    if (place(r, i, seq ? &ev->data.sequence_start.anchor : &ev->data.mapping_start.anchor, ev->start_mark)) {
        VEC_PUSH(r->open, ((open_node_t){ i, r->pending.n }));
    }
}

/* The end of the innermost open collection: its children move to the document's kids. */
static void build_end(reader_t *r)
{
    open_node_t o = r->open.v[--r->open.n];
    size_t count = r->pending.n - o.from;
    if (r->kids_n + count > UINT32_MAX) {
        oom(); /* child indices are 32-bit */
    }
    ydoc_t *d = &r->c->doc;
    if (r->kids_n + count > r->kids_cap) {
        while (r->kids_n + count > r->kids_cap) {
            r->kids_cap = r->kids_cap ? 2 * r->kids_cap : 256;
        }
        d->kids = xrealloc(d->kids, r->kids_cap * sizeof(uint32_t));
    }
    if (count) { /* an empty collection may come before any array exists */
        memcpy(d->kids + r->kids_n, r->pending.v + o.from, count * sizeof(uint32_t));
    }
    ynode_t *n = doc_node(r, o.node);
    n->first = (uint32_t)r->kids_n;
    n->n = (uint32_t)count;
    r->kids_n += count;
    r->pending.n = o.from;
}

static void build_alias(reader_t *r, const yaml_event_t *ev)
{
    for (size_t k = 0; k < r->anchors.n; k++) {
        if (strcmp((const char *)r->anchors.v[k].name, (const char *)ev->data.alias.anchor) == 0) {
            attach(r, r->anchors.v[k].node);
            return;
        }
    }
    composer_error(r, "found undefined alias", ev->start_mark, NULL);
}

static void build_event(reader_t *r, yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: build_scalar(r, ev); return;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: build_collection(r, ev); return;
    case YAML_ALIAS_EVENT: build_alias(r, ev); return;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: build_end(r); return;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT: r->loading = false; return;
    default: return;
    }
}

/* The arrays at their final size: what the passes walk holds no room for growth. */
static void fit(reader_t *r)
{
    ydoc_t *d = &r->c->doc;
    if (d->n_nodes) {
        d->nodes = xrealloc(d->nodes, (size_t)d->n_nodes * sizeof(ynode_t));
    }
    if (r->kids_n) {
        d->kids = xrealloc(d->kids, r->kids_n * sizeof(uint32_t));
    }
}

void yaml_doc_free(ydoc_t *d)
{
    for (ychunk_t *k = d->chunks, *next; k; k = next) {
        next = k->next;
        free(k);
    }
    free(d->nodes);
    free(d->kids);
    *d = (ydoc_t){ 0 };
}

/* ---- the pass ---- */

/* libyaml's reader errors (bad encoding) carry a byte offset instead of a mark. */
static pos_t reader_pos(yc_t *c, const char *text, size_t offset)
{
    pos_t pos = { c->file, 1, 1 };
    for (size_t i = 0; i < offset; i++) {
        pos.col = text[i] == '\n' ? 1 : pos.col + 1;
        pos.line += text[i] == '\n';
    }
    return pos;
}

/* A reader error is placed at its byte when screening, else at its mark as the policy loader
 * always printed it (libyaml leaves a reader error's mark at the start). */
static void syntax_error(yc_t *c, const load_error_t *e, const char *text, size_t len, bool screen)
{
    pos_t pos = mark_pos(c, e->mark);
    if (e->type == YAML_READER_ERROR && screen) {
        pos = reader_pos(c, text, e->offset < len ? e->offset : len);
    }
    char *msg = xasprintf("YAML syntax: %s%s%s", e->problem ? e->problem : "error", e->context ? " " : "",
                          e->context ? e->context : "");
    err(c, pos, NULL, NULL, msg);
    free(msg);
}

/* The parser's error, kept if the loader would have met it (it stops at its first error and
 * at the end of the first document). */
static void parse_failed(reader_t *r, const yaml_parser_t *p)
{
    if (r->loading) {
        r->fail = (load_error_t){ .set = true, .type = p->error, .problem = p->problem, .context = p->context,
                                  .mark = p->problem_mark, .offset = p->problem_offset };
    }
}

/* Streams the events to the end of the stream or the first error (without screening, to the
 * end of what the loader reads). False once a screening error was reported: the loader's
 * error, if any, is not (it came after the screening). */
static bool read_events(reader_t *r, yaml_parser_t *p, bool screen)
{
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) {
            parse_failed(r, p);
            return true;
        }
        bool good = !screen || screen_event(r->c, &ev, &r->depth, &r->docs), end = ev.type == YAML_STREAM_END_EVENT;
        if (good && r->loading) {
            build_event(r, &ev);
        }
        yaml_event_delete(&ev);
        if (!good || end || (!screen && !r->loading)) {
            return good;
        }
    }
}

bool yaml_read(yc_t *c, const char *text, size_t len, bool screen)
{
    reader_t r = { .c = c, .loading = true };
    c->doc = (ydoc_t){ 0 };
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool good = read_events(&r, &p, screen);
    if (good && r.fail.set) {
        syntax_error(c, &r.fail, text, len, screen);
        good = false;
    }
    yaml_parser_delete(&p);
    for (size_t k = 0; k < r.anchors.n; k++) {
        free(r.anchors.v[k].name);
    }
    VEC_FREE(r.anchors);
    VEC_FREE(r.open);
    VEC_FREE(r.pending);
    if (!good) {
        yaml_doc_free(&c->doc);
    } else {
        fit(&r);
    }
    return good;
}
