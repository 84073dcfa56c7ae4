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
 * The document is what yaml_parser_load builds: nodes in event order, default tags for none or
 * "!", styles, marks (a collection's end mark from its end event), aliases as the anchored
 * node's index (an alias inside its own anchor's collection makes a cycle, as in libyaml).
 */
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

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
    int node;
} anchor_t;

/* A collection being filled; key: a mapping's key still waiting for its value (0: none). */
typedef struct open_node {
    int node, key;
} open_node_t;

typedef struct reader {
    yc_t *c;
    int depth, docs;
    bool loading;       /* what yaml_parser_load would still read: the first document, no error yet */
    VEC(open_node_t) open;
    VEC(anchor_t) anchors;
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

static yaml_node_t *doc_node(reader_t *r, int i)
{
    return &r->c->doc.nodes.start[i - 1];
}

/* libyaml's document functions fail only when out of memory. */
static int must(int r)
{
    if (!r) {
        oom();
    }
    return r;
}

static void composer_error(reader_t *r, const char *problem, yaml_mark_t mark, const char *context)
{
    r->fail = (load_error_t){ .set = true, .type = YAML_COMPOSER_ERROR, .problem = problem, .context = context,
                              .mark = mark };
    r->loading = false;
}

/* A node's tag: the event's, taken over, unless it is none or "!" (then the default tag). */
static yaml_char_t *node_tag(yaml_char_t **tag, const char *default_tag)
{
    if (*tag && strcmp((const char *)*tag, "!") != 0) {
        yaml_char_t *t = *tag;
        *tag = NULL;
        return t;
    }
    return (yaml_char_t *)xstrdup(default_tag);
}

/* Appends node n to the document; its index. Nodes are written here rather than by the add
 * functions, which copy the value and the tag and check both as UTF-8 again (a tenth of check's
 * time at 1,000 components): the node takes the event's strings, as libyaml's loader does. The
 * document's strings and arrays are the C heap's (libyaml allocates with malloc, and
 * yaml_document_delete frees with free). */
static int push_node(yaml_document_t *d, const yaml_node_t *n)
{
    if (d->nodes.top == d->nodes.end) {
        size_t have = (size_t)(d->nodes.end - d->nodes.start);
        yaml_node_t *v = xrealloc(d->nodes.start, 2 * have * sizeof(*v));
        d->nodes.start = v;
        d->nodes.top = v + have;
        d->nodes.end = v + 2 * have;
    }
    *d->nodes.top++ = *n;
    return (int)(d->nodes.top - d->nodes.start);
}

/* Adds node i under the innermost open collection (the root has none). */
static void attach(reader_t *r, int i)
{
    if (!r->open.n) {
        return;
    }
    open_node_t *p = &r->open.v[r->open.n - 1];
    if (doc_node(r, p->node)->type == YAML_SEQUENCE_NODE) {
        must(yaml_document_append_sequence_item(&r->c->doc, p->node, i));
    } else if (!p->key) {
        p->key = i;
    } else {
        must(yaml_document_append_mapping_pair(&r->c->doc, p->node, p->key, i));
        p->key = 0;
    }
}

/* Registers the anchor of new node i, then attaches it; false on a duplicate anchor. */
static bool place(reader_t *r, int i, yaml_char_t **anchor)
{
    if (*anchor) {
        for (size_t k = 0; k < r->anchors.n; k++) {
            if (strcmp((const char *)r->anchors.v[k].name, (const char *)*anchor) == 0) {
                composer_error(r, "second occurrence", doc_node(r, i)->start_mark,
                               "found duplicate anchor; first occurrence");
                return false;
            }
        }
        VEC_PUSH(r->anchors, ((anchor_t){ *anchor, i }));
        *anchor = NULL;
    }
    attach(r, i);
    return true;
}

static void build_scalar(reader_t *r, yaml_event_t *ev)
{
    yaml_node_t n = { .type = YAML_SCALAR_NODE, .tag = node_tag(&ev->data.scalar.tag, YAML_DEFAULT_SCALAR_TAG),
                      .start_mark = ev->start_mark, .end_mark = ev->end_mark };
    n.data.scalar.value = ev->data.scalar.value;
    n.data.scalar.length = ev->data.scalar.length;
    n.data.scalar.style = ev->data.scalar.style;
    ev->data.scalar.value = NULL;
    place(r, push_node(&r->c->doc, &n), &ev->data.scalar.anchor);
}

/* Room for this many items or pairs to begin with, as libyaml's loader gives. */
#define FIRST_ROOM 16

/* A sequence or mapping: filled by the events up to its end event (its end mark then). */
static void build_collection(reader_t *r, yaml_event_t *ev)
{
    bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
    yaml_node_t n = { .start_mark = ev->start_mark, .end_mark = ev->end_mark };
    if (seq) {
        n.type = YAML_SEQUENCE_NODE;
        n.tag = node_tag(&ev->data.sequence_start.tag, YAML_DEFAULT_SEQUENCE_TAG);
        n.data.sequence.items.start = n.data.sequence.items.top = xmalloc(FIRST_ROOM * sizeof(yaml_node_item_t));
        n.data.sequence.items.end = n.data.sequence.items.start + FIRST_ROOM;
        n.data.sequence.style = ev->data.sequence_start.style;
    } else {
        n.type = YAML_MAPPING_NODE;
        n.tag = node_tag(&ev->data.mapping_start.tag, YAML_DEFAULT_MAPPING_TAG);
        n.data.mapping.pairs.start = n.data.mapping.pairs.top = xmalloc(FIRST_ROOM * sizeof(yaml_node_pair_t));
        n.data.mapping.pairs.end = n.data.mapping.pairs.start + FIRST_ROOM;
        n.data.mapping.style = ev->data.mapping_start.style;
    }
    int i = push_node(&r->c->doc, &n);
    if (place(r, i, seq ? &ev->data.sequence_start.anchor : &ev->data.mapping_start.anchor)) {
        VEC_PUSH(r->open, ((open_node_t){ i, 0 }));
    }
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

/* The document takes the directives of its start event, as the loader's does. */
static void build_document_start(reader_t *r, yaml_event_t *ev)
{
    yaml_document_t *d = &r->c->doc;
    d->version_directive = ev->data.document_start.version_directive;
    d->tag_directives.start = ev->data.document_start.tag_directives.start;
    d->tag_directives.end = ev->data.document_start.tag_directives.end;
    ev->data.document_start.version_directive = NULL;
    ev->data.document_start.tag_directives.start = ev->data.document_start.tag_directives.end = NULL;
    d->start_implicit = ev->data.document_start.implicit;
    d->start_mark = ev->start_mark;
}

static void build_event(reader_t *r, yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT: build_document_start(r, ev); return;
    case YAML_SCALAR_EVENT: build_scalar(r, ev); return;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: build_collection(r, ev); return;
    case YAML_ALIAS_EVENT: build_alias(r, ev); return;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: doc_node(r, r->open.v[--r->open.n].node)->end_mark = ev->end_mark; return;
    case YAML_DOCUMENT_END_EVENT:
        r->c->doc.end_implicit = ev->data.document_end.implicit;
        r->c->doc.end_mark = ev->end_mark;
        r->loading = false;
        return;
    case YAML_STREAM_END_EVENT: r->loading = false; return;
    default: return;
    }
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

static void syntax_error(yc_t *c, const load_error_t *e, const char *text, size_t len)
{
    pos_t pos = mark_pos(c, e->mark);
    if (e->type == YAML_READER_ERROR) {
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

/* Streams the events to the end of the stream or the first error. False once a screening
 * error was reported: the loader's error, if any, is not (it came after the screening). */
static bool read_events(reader_t *r, yaml_parser_t *p)
{
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(p, &ev)) {
            parse_failed(r, p);
            return true;
        }
        bool good = screen_event(r->c, &ev, &r->depth, &r->docs), end = ev.type == YAML_STREAM_END_EVENT;
        if (good && r->loading) {
            build_event(r, &ev);
        }
        yaml_event_delete(&ev);
        if (!good || end) {
            return good;
        }
    }
}

bool yaml_read(yc_t *c, const char *text, size_t len)
{
    reader_t r = { .c = c, .loading = true };
    must(yaml_document_initialize(&c->doc, NULL, NULL, NULL, 0, 0));
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    bool good = read_events(&r, &p);
    if (good && r.fail.set) {
        syntax_error(c, &r.fail, text, len);
        good = false;
    }
    yaml_parser_delete(&p);
    for (size_t k = 0; k < r.anchors.n; k++) {
        free(r.anchors.v[k].name);
    }
    VEC_FREE(r.anchors);
    VEC_FREE(r.open);
    if (!good) {
        yaml_document_delete(&c->doc);
    }
    return good;
}
