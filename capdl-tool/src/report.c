/*
 * The JSON report (report.h).
 */
#include "report.h"

#include <stdlib.h>

static void json_str(strbuf_t *out, const char *s)
{
    sb_printf(out, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            sb_printf(out, "\\%c", *s);
        } else if ((unsigned char)*s < 0x20) {
            sb_printf(out, "\\u%04x", *s);
        } else {
            sb_append(out, s, 1);
        }
    }
    sb_printf(out, "\"");
}

static void by_type(const model_t *m, strbuf_t *out)
{
    size_t count[CDL_OBJ_TYPE_COUNT] = { 0 };
    for (size_t i = 0; i < m->objs.n; i++) {
        count[m->objs.v[i].type]++;
    }
    sb_printf(out, "  \"objects_by_type\": {");
    bool first = true;
    for (int t = 0; t < CDL_OBJ_TYPE_COUNT; t++) {
        if (count[t]) {
            sb_printf(out, "%s\"%s\": %zu", first ? "" : ", ", cdl_obj_type_name((uint32_t)t), count[t]);
            first = false;
        }
    }
    sb_printf(out, "},\n");
}

static void components(const model_t *m, strbuf_t *out)
{
    uint64_t *mem = xcalloc(m->comps.n + 1, sizeof(uint64_t));
    for (size_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        unsigned b = model_obj_mem_bits(o);
        if (o->comp >= 0 && b) {
            mem[o->comp] += 1ull << b;
        }
    }
    sb_printf(out, "  \"components\": [\n");
    for (size_t c = 0; c < m->comps.n; c++) {
        const sys_comp_t *k = &m->comps.v[c];
        uint32_t used = (uint32_t)k->caps.n;
        for (size_t t = 0; t < k->threads.n; t++) {
            used += k->threads.v[t].fault_slot ? 1 : 0;
        }
        sb_printf(out, "    {\"name\": ");
        json_str(out, k->name);
        sb_printf(out, ", \"memory_bytes\": %llu, \"threads\": %zu, \"cslots_used\": %u, \"cslots_total\": %u}%s\n",
                  (unsigned long long)mem[c], k->threads.n, used + 1, 1u << m->objs.v[k->cnode].size_bits,
                  c + 1 < m->comps.n ? "," : "");
    }
    sb_printf(out, "  ],\n");
    free(mem);
}

void report_json(const model_t *m, const alloc_sim_t *a, const spec_stats_t *st, strbuf_t *out)
{
    sb_printf(out, "{\n  \"system\": ");
    json_str(out, m->system ? m->system : "");
    sb_printf(out, ",\n  \"objects\": %zu,\n  \"caps\": %zu,\n", m->objs.n, m->caps.n);
    by_type(m, out);
    components(m, out);
    sb_printf(out, "  \"untyped_fit\": {\"ram_bytes\": %llu, \"untypeds\": %u, \"ram_free_bytes\": %llu, "
              "\"ram_used_bytes\": %llu},\n", (unsigned long long)m->ram_bytes, a ? a->n_uts : 0,
              (unsigned long long)(a ? a->ram_free : 0), (unsigned long long)(a ? a->ram_used : 0));
    sb_printf(out, "  \"spec\": {\"bytes\": %zu, \"bytes_per_object\": %.2f, \"bytes_per_cap\": %.2f}\n}\n", st->total,
              st->n_objects ? (double)st->objects_bytes / (double)st->n_objects : 0.0,
              st->n_caps ? (double)st->caps_bytes / (double)st->n_caps : 0.0);
}
