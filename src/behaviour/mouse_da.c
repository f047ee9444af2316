/* mouse_da.c -- the virtual mouse's tonic accumbal DA in its current state ([DA-2],
** docs/MODEL.md): the solve through the mouse's memo, the observer's cold solve, and the
** solve-free lower bound the response-rate bound uses [BEH-3].
**
** Design. Tonic DA is a pure function of (brain cocaine, release gain, drug loads) for a
** mouse's fixed parameters and gene products, solved by Newton's method (dopamine.c). The
** model's calls go through a memo of the last solve of each kind (drug-free, with cocaine)
** in the mouse, which returns a repeated call's result bit for bit and warm-starts a new
** one. The thinning bound needs only a lower bound of DA at the window's lowest cocaine:
** one Newton step from the memo's last solve gives one without a solve of its own (RNG
** scheme 3) and leaves the memo untouched.
*/
#include "mouse_internal.h"

#include "biology/dopamine.h"

double
rl_mouse_tonic_da_at(const rl_mouse_t *self, double coc_uM)
{
    /* a cold solve: an observer (the session tracer) leaves the model's memo untouched */
    return rl_da_tonic_drugs_nM(&self->p, &self->g, coc_uM, self->release_gain, &self->dad);
}

double
rl_mouse_da_memo(const rl_mouse_t *self, double coc_uM)
{
    /* The memo is a cache inside a heap- or stack-allocated mouse that is never defined
    ** const: updating it through a const view changes no observable state. */
    struct rl_da_memo *m = (struct rl_da_memo *) &self->da_memo[coc_uM == 0.0 ? 0 : 1];
    if (m->valid && m->coc_uM == coc_uM && m->release_gain == self->release_gain &&
        m->dad.dat == self->dad.dat && m->dad.net == self->dad.net &&
        m->dad.d1 == self->dad.d1 && m->dad.d2 == self->dad.d2) {
        return m->da_nM;
    }
    /* [DA-2] Newton from the previous solution of this kind of call (the brain cocaine of
    ** successive calls is close), or from the cold start */
    m->da_nM = rl_da_tonic_from_nM(&self->p, &self->g, coc_uM, self->release_gain, &self->dad,
        m->valid ? m->da_nM : 50.0);
    m->coc_uM = coc_uM;
    m->release_gain = self->release_gain;
    m->dad = self->dad;
    m->valid = true;
    return m->da_nM;
}

/* [BEH-3] a lower bound of tonic DA at every brain cocaine >= coc_uM in the mouse's current
** state (DA rises with cocaine), for the rate bound: exact when cocaine is 0 or the memo
** holds the solve (no new solve then, or a drug-free one the window's own steps will
** reuse), otherwise one Newton step from the memo's last solve with cocaine, without
** solving or touching the memo (rl_da_tonic_lower_nM). */
double
rl_mouse_da_lower(const rl_mouse_t *self, double coc_uM)
{
    const struct rl_da_memo *m = &self->da_memo[1];
    if (coc_uM == 0.0 || !m->valid) {
        return rl_mouse_da_memo(self, coc_uM);
    }
    if (m->coc_uM == coc_uM && m->release_gain == self->release_gain &&
        m->dad.dat == self->dad.dat && m->dad.net == self->dad.net &&
        m->dad.d1 == self->dad.d1 && m->dad.d2 == self->dad.d2) {
        return m->da_nM;
    }
    return rl_da_tonic_lower_nM(&self->p, &self->g, coc_uM, self->release_gain, &self->dad,
        m->da_nM);
}
