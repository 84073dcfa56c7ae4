/*
 * The `lint:` section of the system YAML (yaml_internal.h) and the `allow:` entries it shares
 * with verify's policy file: lint findings silenced per item, each with its reason
 * (docs/verification.md). Only verify reads them; check and build only check their form.
 */
#include "verify.h"
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const lint_keys[] = { "allow" };
static const char *const allow_keys[] = { "finding", "item", "reason" };

static size_t n_lint_ids(void)
{
    size_t n = 0;
    while (vl_ids[n]) {
        n++;
    }
    return n;
}

/* The finding id at n: one of verify's lint rules, else an error with the closest. */
static bool known_finding(yc_t *c, ynode_t *n, const char *path)
{
    for (size_t k = 0; vl_ids[k]; k++) {
        if (strcmp(vl_ids[k], scalar(n)) == 0) {
            return true;
        }
    }
    char *msg = xasprintf("unknown finding '%s'", scalar(n)), *hint = diag_hint_closest(scalar(n), vl_ids, n_lint_ids());
    err(c, pos_of(c, n), path, hint, msg);
    free(msg);
    free(hint);
    return false;
}

void load_lint_allow(yc_t *c, ynode_t *n, const char *path, lint_allows_t *out)
{
    if (!expect_type(c, n, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, n, path, allow_keys, 3);
    ynode_t *f = require(c, n, "finding", path), *it = require(c, n, "item", path), *r = require(c, n, "reason", path);
    char *fp = subpath(path, "finding"), *ip = subpath(path, "item"), *rp = subpath(path, "reason");
    bool good = f && it && r && expect_type(c, f, YN_SCALAR, fp) && expect_type(c, it, YN_SCALAR, ip) &&
                expect_type(c, r, YN_SCALAR, rp) && known_finding(c, f, fp);
    if (good && !scalar(r)[0]) {
        err(c, pos_of(c, r), rp, NULL, "give the reason for silencing the finding");
    } else if (good) {
        lint_allow_t a = { pos_of(c, n), xstrdup(scalar(f)), xstrdup(scalar(it)), xstrdup(scalar(r)), false };
        VEC_PUSH(*out, a);
    }
    free(fp);
    free(ip);
    free(rp);
}

void load_lint(yc_t *c, ynode_t *lint)
{
    if (!expect_type(c, lint, YN_MAPPING, "lint")) {
        return;
    }
    check_keys(c, lint, "lint", lint_keys, 1);
    ynode_t *allow = get(c, lint, "allow");
    if (!allow || !expect_type(c, allow, YN_SEQUENCE, "lint.allow")) {
        return;
    }
    size_t i = 0;
    for (uint32_t it = 0; it < yitems(allow); it++, i++) {
        char *path = xasprintf("lint.allow[%zu]", i);
        load_lint_allow(c, yitem(c, allow, it), path, &c->m->lint_allow);
        free(path);
    }
}
