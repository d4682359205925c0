/*
 * Jackpot's sparse products (dev.jackpot.sparse.SparseKernels) in C, for the JIT does not vectorise a
 * float reduction. Every output element is computed in the order of the Java loops, with one rounding per
 * multiply and per add (build with -ffp-contract=off, never -ffast-math), so the bits are the Java kernels'
 * on any instruction set; vectorising only runs independent elements side by side. On x86-64 each kernel is
 * built for AVX-512, AVX2 and baseline SSE2 and the loader picks the best the CPU has. A minibatch's gathering from
 * the dataset (a byte copy, with prefetching) and its transpose to floats are here too.
 *
 * Build (as ./jackpot does): cc -O3 -ffp-contract=off -Wno-psabi -shared -fPIC -I$JAVA_HOME/include
 *   -I$JAVA_HOME/include/linux -o libjackpot-sparse.so sparse_kernels.c
 */
#include <jni.h>
#include <stddef.h>
#include <string.h>

#define ABI 6
#define LANES 16

#if defined(__x86_64__) && defined(__GNUC__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

typedef float v16 __attribute__((vector_size(64)));

#define INLINE static inline __attribute__((always_inline))

INLINE v16 ld(const float *p) {
    v16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE void st(float *p, v16 v) {
    memcpy(p, &v, sizeof v);
}

typedef int v16i __attribute__((vector_size(64)));

/* a in every lane, as one broadcast (a sixteen-element initialiser was sometimes built lane by lane). */
INLINE v16 splat(float a) {
    return __builtin_shuffle((v16) {a}, (v16i) {0});
}

/* One stage of a 16 x 16 transpose: rows i and i + B swap the B x B blocks off their diagonal. */
#define SWAP_BLOCKS(r, B, M1, M2)                                                                           \
    do {                                                                                                    \
        _Pragma("GCC unroll 16") for (int i = 0; i < 16; i++) {                                           \
            if ((i & (B)) == 0) {                                                                           \
                v16 a = r[i], c = r[i + (B)];                                                               \
                r[i] = __builtin_shuffle(a, c, M1);                                                  \
                r[i + (B)] = __builtin_shuffle(a, c, M2);                                            \
            }                                                                                               \
        }                                                                                                   \
    } while (0)

/* The two shuffles of each stage: mask A keeps row i's half of a block pair, mask B row i + B's. */
static const v16i SWAP8A = {0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23};
static const v16i SWAP8B = {8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31};
static const v16i SWAP4A = {0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27};
static const v16i SWAP4B = {4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31};
static const v16i SWAP2A = {0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29};
static const v16i SWAP2B = {2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31};
static const v16i SWAP1A = {0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30};
static const v16i SWAP1B = {1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31};

/* r[q][t] becomes r[t][q]. */
INLINE void transpose16(v16 r[16]) {
    SWAP_BLOCKS(r, 8, SWAP8A, SWAP8B);
    SWAP_BLOCKS(r, 4, SWAP4A, SWAP4B);
    SWAP_BLOCKS(r, 2, SWAP2A, SWAP2B);
    SWAP_BLOCKS(r, 1, SWAP1A, SWAP1B);
}

/* A group of up to 16 kept weights of one row: entries [k, k + m) of row o. */
typedef struct {
    int o, k, m;
} group;

/* The 16 input rows of a group (a short group repeats its last weight's input). */
INLINE void group_rows(const group *gr, const jint *col, const float *x, ptrdiff_t stride, const float **h) {
#pragma GCC unroll 16
    for (int q = 0; q < LANES; q++) {
        h[q] = x + col[gr->k + (q < gr->m ? q : gr->m - 1)] * stride;
    }
}

/* r[t] = the 16 rows h[q] at example j + t: a block of 16 examples, loaded and transposed. */
INLINE void columns(const float **h, int j, v16 r[LANES]) {
#pragma GCC unroll 16
    for (int q = 0; q < LANES; q++) {
        r[q] = ld(h[q] + j);
    }
    transpose16(r);
}

/*
 * The last n - nb (< 16) examples as one short block: r[t] for t < n - nb as in columns. Rows padded to whole
 * vectors (stride a multiple of 16) are loaded whole: after the transpose their padding lands only in r[t] for
 * t >= n - nb, which are never used. Otherwise the inputs are first copied into a zero-padded tile (a whole load
 * could pass the array's end).
 */
INLINE void last_columns(const float **h, int nb, int n, int padded, v16 r[LANES]) {
    if (padded) {
        columns(h, nb, r);
        return;
    }
    float tile[LANES * LANES] = {0};
    for (int q = 0; q < LANES; q++) {
        memcpy(tile + q * LANES, h[q] + nb, (n - nb) * sizeof(float));
    }
    const float *t[LANES];
    for (int q = 0; q < LANES; q++) {
        t[q] = tile + q * LANES;
    }
    columns(t, 0, r);
}

/* acc += g[j + t] * (the 16 inputs at example j + t), t = 0 .. 15 in order: one block of 16 examples. */
INLINE v16 block(v16 acc, const float *g, const float **h, int j) {
    v16 r[LANES];
    columns(h, j, r);
#pragma GCC unroll 16
    for (int t = 0; t < LANES; t++) {
        acc += splat(g[j + t]) * r[t];
    }
    return acc;
}

/* The last n - nb (< 16) examples of a group's sums (see last_columns). */
INLINE v16 tail(v16 acc, const float *g, const float **h, int nb, int n, int padded) {
    int rest = n - nb;
    if (rest == 0) {
        return acc;
    }
    v16 r[LANES];
    last_columns(h, nb, n, padded, r);
#pragma GCC unroll 16
    for (int t = 0; t < LANES - 1; t++) {
        if (t < rest) {
            acc += splat(g[nb + t]) * r[t];
        }
    }
    return acc;
}

INLINE void store_group(const group *gr, v16 acc, float *dw) {
    float out[LANES];
    memcpy(out, &acc, sizeof out);
    for (int q = 0; q < gr->m; q++) {
        dw[gr->k + q] = out[q];
    }
}

/*
 * dw_k = sum_j g[o][j] x[col[k]][j], one float chain from +0 in ascending j per kept weight, as the Java loops
 * sum it. The chains of 16 weights of a row (a group) run side by side in one register: each block of 16
 * examples of their 16 input rows is loaded and transposed, so step j adds g[o][j] times the 16 inputs at
 * example j. A row's last group is padded with copies of its last weight's input, whose sums are dropped.
 * (Two groups per pass, for two chains of additions in flight, measured slower: the transposes' shuffles bound it.)
 */
CLONES static void weight_gradient(const jint *rowPtr, const jint *col, const float *g, const float *x, float *dw,
                                   ptrdiff_t stride, int n, int from, int to) {
    int nb = n & ~(LANES - 1);
    int padded = stride % LANES == 0;
    for (int o = from; o < to; o++) {
        const float *go = g + o * stride;
        int end = rowPtr[o + 1];
        for (int k = rowPtr[o]; k < end; k += LANES) {
            group gr = {o, k, end - k < LANES ? end - k : LANES};
            const float *h[LANES];
            group_rows(&gr, col, x, stride, h);
            v16 acc = splat(0.f);
            for (int j = 0; j < nb; j += LANES) {
                acc = block(acc, go, h, j);
            }
            store_group(&gr, tail(acc, go, h, nb, n, padded), dw);
        }
    }
}

/*
 * db[o] = the sum of row o's n entries as the Java sums it: four chains from +0, entry j in chain j mod 4 for
 * j < n - n mod 4, the rest in chain 0, then (s0 + s1) + (s2 + s3). Sixteen rows run side by side, one per lane,
 * through the weight gradient's transposes (a short last group repeats its last row).
 */
CLONES static void row_sums(const float *g, float *db, ptrdiff_t stride, int n, int from, int to) {
    int nb = n & ~(LANES - 1);
    int n4 = n & ~3;
    int padded = stride % LANES == 0;
    for (int o = from; o < to; o += LANES) {
        int m = to - o < LANES ? to - o : LANES;
        const float *h[LANES];
#pragma GCC unroll 16
        for (int q = 0; q < LANES; q++) {
            h[q] = g + (o + (q < m ? q : m - 1)) * stride;
        }
        v16 s[4] = {splat(0.f), splat(0.f), splat(0.f), splat(0.f)};
        v16 r[LANES];
        for (int j = 0; j < nb; j += LANES) {
            columns(h, j, r);
#pragma GCC unroll 16
            for (int t = 0; t < LANES; t++) {
                s[t & 3] += r[t];
            }
        }
        if (nb < n) {
            last_columns(h, nb, n, padded, r);
#pragma GCC unroll 16
            for (int t = 0; t < LANES - 1; t++) {
                if (nb + t < n4) {
                    s[t & 3] += r[t];
                } else if (nb + t < n) {
                    s[0] += r[t];
                }
            }
        }
        group rows = {o, o, m}; /* stored as a group of sums: db[o, o + m) */
        store_group(&rows, (s[0] + s[1]) + (s[2] + s[3]), db);
    }
}

/*
 * y[j] = init, then for each group of four entries y[j] += ((a0 x0[j] + a1 x1[j]) + a2 x2[j]) + a3 x3[j], and
 * the remainder y[j] += a x[j] one at a time: entry t of [from, to) has weight w[pos[t]] and input row
 * src[pos[t]] (pos null: t itself). The examples run in blocks of eight registers held across all entries.
 */
#define ROW_PASS(NV, KEEP)                                                                                      \
    do {                                                                                                    \
        v16 acc[NV];                                                                                        \
        for (int v = 0; v < NV; v++) acc[v] = splat(init);                                                  \
        int t = from;                                                                                       \
        for (; t + 3 < to; t += 4) {                                                                        \
            int e0 = pos ? pos[t] : t, e1 = pos ? pos[t + 1] : t + 1;                                       \
            int e2 = pos ? pos[t + 2] : t + 2, e3 = pos ? pos[t + 3] : t + 3;                               \
            v16 w0 = splat(w[e0]), w1 = splat(w[e1]), w2 = splat(w[e2]), w3 = splat(w[e3]);                \
            const float *x0 = x + src[e0] * stride + j, *x1 = x + src[e1] * stride + j;                     \
            const float *x2 = x + src[e2] * stride + j, *x3 = x + src[e3] * stride + j;                     \
            for (int v = 0; v < NV; v++) {                                                                  \
                int q = v * LANES;                                                                          \
                acc[v] += ((w0 * ld(x0 + q) + w1 * ld(x1 + q)) + w2 * ld(x2 + q)) + w3 * ld(x3 + q);        \
            }                                                                                               \
        }                                                                                                   \
        for (; t < to; t++) {                                                                               \
            int e0 = pos ? pos[t] : t;                                                                      \
            v16 w0 = splat(w[e0]);                                                                          \
            const float *x0 = x + src[e0] * stride + j;                                                     \
            for (int v = 0; v < NV; v++) acc[v] += w0 * ld(x0 + v * LANES);                                 \
        }                                                                                                   \
        for (int v = 0; v < NV - 1; v++) st(y + j + v * LANES, finish(acc[v], relu, cut, j + v * LANES));   \
        v16 last = finish(acc[NV - 1], relu, cut, j + (NV - 1) * LANES);                                    \
        if ((KEEP) == LANES) {                                                                              \
            st(y + j + (NV - 1) * LANES, last);                                                             \
        } else {                                                                                            \
            memcpy(y + j + (NV - 1) * LANES, &last, (KEEP) * sizeof(float));                                \
        }                                                                                                   \
    } while (0)

typedef unsigned v16u __attribute__((vector_size(64)));

/* Java's Math.max(y, 0f): y unless y <= 0 (so NaN stays), otherwise +0. */
INLINE v16 relu16(v16 y) {
    return (v16) ((v16i) y & ~(v16i) (y <= splat(0.f)));
}

/*
 * The sparse engine's ReLU gradient, d if the activation a = max(z, 0) has bits other than +0's, otherwise +0,
 * written as the Java does it: keep = ~((bits(a) - 1) >> 31), in 32-bit two's complement.
 */
INLINE v16 cut16(v16 d, v16 a) {
    v16i t = (v16i) ((v16u) a - 1u);
    v16i keep = ~(t >> 31);
    return (v16) ((v16i) d & keep);
}

INLINE float relu1(float y) {
    return (y > 0.f || y != y) ? y : 0.f;
}

INLINE float cut1(float d, float a) {
    unsigned ab, db;
    memcpy(&ab, &a, sizeof ab);
    memcpy(&db, &d, sizeof db);
    int t = (int) (ab - 1u);
    db &= (unsigned) ~(t >> 31);
    memcpy(&d, &db, sizeof d);
    return d;
}

/* The output block at example j: with relu, max(v, 0); with cut (the layer input's activations), its ReLU gradient. */
INLINE v16 finish(v16 v, int relu, const float *cut, int j) {
    if (relu) {
        v = relu16(v);
    }
    return cut ? cut16(v, ld(cut + j)) : v;
}

INLINE void row_sum(float *y, float init, const float *w, const jint *src, const jint *pos, int from, int to,
                    const float *x, ptrdiff_t stride, int n, int relu, const float *cut) {
    /*
     * Passes over the row's weights of up to eight vectors each, so a batch of up to 128 takes one pass (each
     * pass loads every weight and index again). Rows padded to whole vectors also run their last, partial
     * vector this way (it reads the row's padding and stores only the batch's lanes); others end in scalars.
     */
    int vectors = stride % LANES == 0 ? (n + LANES - 1) / LANES : n / LANES;
    int j = 0;
    while (vectors > 0) {
        int nv = vectors < 8 ? vectors : 8;
        int keep = j + nv * LANES <= n ? LANES : n - (j + (nv - 1) * LANES);
        switch (nv) {
            case 8: ROW_PASS(8, keep); break;
            case 7: ROW_PASS(7, keep); break;
            case 6: ROW_PASS(6, keep); break;
            case 5: ROW_PASS(5, keep); break;
            case 4: ROW_PASS(4, keep); break;
            case 3: ROW_PASS(3, keep); break;
            case 2: ROW_PASS(2, keep); break;
            default: ROW_PASS(1, keep); break;
        }
        j += nv * LANES;
        vectors -= nv;
    }
    for (; j < n; j++) {
        float a = init;
        int t = from;
        for (; t + 3 < to; t += 4) {
            int e0 = pos ? pos[t] : t, e1 = pos ? pos[t + 1] : t + 1;
            int e2 = pos ? pos[t + 2] : t + 2, e3 = pos ? pos[t + 3] : t + 3;
            a += ((w[e0] * x[src[e0] * stride + j] + w[e1] * x[src[e1] * stride + j]) + w[e2] * x[src[e2] * stride + j])
                 + w[e3] * x[src[e3] * stride + j];
        }
        for (; t < to; t++) {
            int e0 = pos ? pos[t] : t;
            a += w[e0] * x[src[e0] * stride + j];
        }
        if (relu) {
            a = relu1(a);
        }
        y[j] = cut ? cut1(a, cut[j]) : a;
    }
}

CLONES static void forward(const jint *rowPtr, const jint *col, const float *w, const float *bias, const float *x,
                           float *z, ptrdiff_t stride, int n, int relu, int from, int to) {
    /* two inlined copies, each with its ReLU known at compile time (a flag tested per block cost 2.7x) */
    for (int o = from; o < to; o++) {
        float b = bias ? bias[o] : 0.f;
        if (relu) {
            row_sum(z + o * stride, b, w, col, NULL, rowPtr[o], rowPtr[o + 1], x, stride, n, 1, NULL);
        } else {
            row_sum(z + o * stride, b, w, col, NULL, rowPtr[o], rowPtr[o + 1], x, stride, n, 0, NULL);
        }
    }
}

CLONES static void input_gradient(const jint *colPtr, const jint *colPos, const jint *rowOf, const float *w,
                                  const float *g, const float *act, float *dx, ptrdiff_t stride, int n, int from, int to) {
    for (int i = from; i < to; i++) {
        if (act) {
            row_sum(dx + i * stride, 0.f, w, rowOf, colPos, colPtr[i], colPtr[i + 1], g, stride, n, 0, act + i * stride);
        } else {
            row_sum(dx + i * stride, 0.f, w, rowOf, colPos, colPtr[i], colPtr[i + 1], g, stride, n, 0, NULL);
        }
    }
}

typedef double v8d __attribute__((vector_size(64)));
typedef long long v8l __attribute__((vector_size(64)));

INLINE v8d splat8(double a) {
    return __builtin_shuffle((v8d) {a}, (v8l) {0});
}

/* The constants of dev.jackpot.sparse.Exponentials. */
#define EXP_LOW -708.0
#define EXP_HIGH 709.782712893384
#define EXP_LOG2E 1.4426950408889634
#define EXP_LN2_HI 6.93147180369123816490e-01
#define EXP_LN2_LO 1.90821492927058770002e-10
#define EXP_BIAS (0x1p52 + 1022)
/* Adding and subtracting 1.5 * 2^52 rounds to the nearest integer, ties to even, as Math.rint (|v| < 2^51). */
#define EXP_ROUND 0x1.8p52

/* 1 / q! for q = 13 down to 2, as the Java's literals round them. */
static const double EXP_TAYLOR[12] = {
    1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0,
    1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5};

INLINE v8d select8(v8l mask, v8d a, v8d b) {
    return (v8d) (((v8l) a & mask) | ((v8l) b & ~mask));
}

/* Eight Exponentials.exp side by side, the same operations in the same order. */
INLINE v8d exp8(v8d x) {
    v8d k = (x * splat8(EXP_LOG2E) + splat8(EXP_ROUND)) - splat8(EXP_ROUND);
    v8d r = (x - k * splat8(EXP_LN2_HI)) - k * splat8(EXP_LN2_LO);
    v8d p = splat8(EXP_TAYLOR[0]);
#pragma GCC unroll 12
    for (int q = 1; q < 12; q++) {
        p = p * r + splat8(EXP_TAYLOR[q]);
    }
    p = p * r + splat8(1.0);
    p = p * r + splat8(1.0);
    v8d scale = (v8d) (((v8l) (k + splat8(EXP_BIAS))) << 52);
    v8d y = (p + p) * scale;
    y = select8(x > splat8(EXP_HIGH), splat8(__builtin_inf()), y);
    y = select8(x > splat8(EXP_LOW), y, splat8(0.0));
    return select8(x != x, x, y);
}

/* a[i] = exp(a[i]) for i < count; a short last group runs in a zero-padded copy. */
CLONES static void exp_in_place(double *a, int count) {
    int i = 0;
    for (; i + 8 <= count; i += 8) {
        v8d v;
        memcpy(&v, a + i, sizeof v);
        v = exp8(v);
        memcpy(a + i, &v, sizeof v);
    }
    if (i < count) {
        double tile[8] = {0};
        memcpy(tile, a + i, (count - i) * sizeof(double));
        v8d v;
        memcpy(&v, tile, sizeof v);
        v = exp8(v);
        memcpy(tile, &v, sizeof v);
        memcpy(a + i, tile, (count - i) * sizeof(double));
    }
}

/* The register width the clones' resolver picks on this CPU (the same tests as GCC's), 0 off x86-64. */
static int vector_bits(void) {
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        return 512;
    }
    return __builtin_cpu_supports("avx2") ? 256 : 128;
#else
    return 0;
#endif
}

/*
 * out[f * stride + j] = (float) px[j * e + f] * scale[c] + shift[c] (c = f / plane, the channel), for features
 * f < e and examples j < n: a minibatch of raw pixels, example-major, to normalised floats, feature-major, with
 * the Java's two roundings. Blocks of 16 examples x 16 features are converted and transposed in registers.
 */
CLONES static void features(const unsigned char *px, int e, int n, const float *scale, const float *shift, int plane,
                            float *out, ptrdiff_t stride) {
    int fb = e & ~(LANES - 1);
    int nb = n & ~(LANES - 1);
    for (int f = 0; f < fb; f += LANES) {
        float sc[LANES], sh[LANES];
        for (int t = 0; t < LANES; t++) {
            sc[t] = scale[(f + t) / plane];
            sh[t] = shift[(f + t) / plane];
        }
        /* scaled before the transpose, where a row holds 16 features of one example: two registers of constants */
        v16 scv = ld(sc), shv = ld(sh);
        for (int j = 0; j < nb; j += LANES) {
            /* bytes to floats through a tile in L1: the compiler widens a plain loop, not a vector conversion */
            float tile[LANES * LANES];
            for (int q = 0; q < LANES; q++) {
                const unsigned char *b = px + (ptrdiff_t) (j + q) * e + f;
                for (int t = 0; t < LANES; t++) {
                    tile[q * LANES + t] = (float) b[t];
                }
            }
            v16 r[LANES];
#pragma GCC unroll 16
            for (int q = 0; q < LANES; q++) {
                r[q] = ld(tile + q * LANES) * scv + shv;
            }
            transpose16(r);
#pragma GCC unroll 16
            for (int t = 0; t < LANES; t++) {
                st(out + (f + t) * stride + j, r[t]);
            }
        }
        for (int t = 0; t < LANES; t++) {
            for (int j = nb; j < n; j++) {
                out[(f + t) * stride + j] = (float) px[(ptrdiff_t) j * e + f + t] * sc[t] + sh[t];
            }
        }
    }
    for (int f = fb; f < e; f++) {
        float sc = scale[f / plane], sh = shift[f / plane];
        for (int j = 0; j < n; j++) {
            out[f * stride + j] = (float) px[(ptrdiff_t) j * e + f] * sc + sh;
        }
    }
}

/* Pins each array for the call (GetPrimitiveArrayCritical: no copy, no other JNI call until released). */
#define PIN(T, a) T *a##_ = (a) ? (T *) (*env)->GetPrimitiveArrayCritical(env, a, NULL) : NULL
#define UNPIN(a, mode) if (a##_) (*env)->ReleasePrimitiveArrayCritical(env, a, a##_, mode)

JNIEXPORT jint JNICALL Java_dev_jackpot_sparse_NativeKernels_abi(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return ABI;
}

JNIEXPORT jint JNICALL Java_dev_jackpot_sparse_NativeKernels_vectorBits(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return vector_bits();
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_forward(JNIEnv *env, jclass cls, jintArray rowPtr,
        jintArray col, jfloatArray w, jfloatArray bias, jfloatArray x, jfloatArray z, jint stride, jint n, jboolean relu,
        jint from, jint to) {
    (void) cls;
    PIN(jint, rowPtr);
    PIN(jint, col);
    PIN(float, w);
    PIN(float, bias);
    PIN(float, x);
    PIN(float, z);
    if (rowPtr_ && col_ && w_ && (bias_ || !bias) && x_ && z_) {
        forward(rowPtr_, col_, w_, bias_, x_, z_, stride, n, relu, from, to);
    }
    UNPIN(z, 0);
    UNPIN(x, JNI_ABORT);
    UNPIN(bias, JNI_ABORT);
    UNPIN(w, JNI_ABORT);
    UNPIN(col, JNI_ABORT);
    UNPIN(rowPtr, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_inputGradient(JNIEnv *env, jclass cls,
        jintArray colPtr, jintArray colPos, jintArray rowOf, jfloatArray w, jfloatArray g, jfloatArray act, jfloatArray dx,
        jint stride, jint n, jint from, jint to) {
    (void) cls;
    PIN(jint, colPtr);
    PIN(jint, colPos);
    PIN(jint, rowOf);
    PIN(float, w);
    PIN(float, g);
    PIN(float, act);
    PIN(float, dx);
    if (colPtr_ && colPos_ && rowOf_ && w_ && g_ && (act_ || !act) && dx_) {
        input_gradient(colPtr_, colPos_, rowOf_, w_, g_, act_, dx_, stride, n, from, to);
    }
    UNPIN(dx, 0);
    UNPIN(act, JNI_ABORT);
    UNPIN(g, JNI_ABORT);
    UNPIN(w, JNI_ABORT);
    UNPIN(rowOf, JNI_ABORT);
    UNPIN(colPos, JNI_ABORT);
    UNPIN(colPtr, JNI_ABORT);
}

/* Examples copied ahead of the one being copied are prefetched this far ahead (each starts a fresh miss). */
#define STAGE_AHEAD 8

/* Asks for every cache line of one example. */
INLINE void prefetch_example(const unsigned char *pixels, jint index, int e) {
    const unsigned char *p = pixels + (ptrdiff_t) index * e;
    for (int b = 0; b < e; b += 64) {
        __builtin_prefetch(p + b);
    }
}

/*
 * staging[j * e, (j + 1) * e) = pixels[order[from + j] * e, ...) for j < n: a batch's examples gathered from the
 * dataset. Read in shuffled order, each example's first line is a miss to memory; prefetching later examples'
 * lines while one is copied overlaps those misses instead of paying them one after another.
 */
static void stage(const unsigned char *pixels, const jint *order, int from, int n, int e, unsigned char *staging) {
    for (int j = 0; j < n && j < STAGE_AHEAD; j++) {
        prefetch_example(pixels, order[from + j], e);
    }
    for (int j = 0; j < n; j++) {
        if (j + STAGE_AHEAD < n) {
            prefetch_example(pixels, order[from + j + STAGE_AHEAD], e);
        }
        memcpy(staging + (ptrdiff_t) j * e, pixels + (ptrdiff_t) order[from + j] * e, (size_t) e);
    }
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_stage(JNIEnv *env, jclass cls, jbyteArray pixels,
        jintArray order, jint from, jint n, jint e, jbyteArray staging) {
    (void) cls;
    PIN(unsigned char, pixels);
    PIN(jint, order);
    PIN(unsigned char, staging);
    if (pixels_ && order_ && staging_) {
        stage(pixels_, order_, from, n, e, staging_);
    }
    UNPIN(staging, 0);
    UNPIN(order, JNI_ABORT);
    UNPIN(pixels, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_rowSums(JNIEnv *env, jclass cls, jfloatArray g,
        jfloatArray db, jint stride, jint n, jint from, jint to) {
    (void) cls;
    PIN(float, g);
    PIN(float, db);
    if (g_ && db_) {
        row_sums(g_, db_, stride, n, from, to);
    }
    UNPIN(db, 0);
    UNPIN(g, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_weightGradient(JNIEnv *env, jclass cls,
        jintArray rowPtr, jintArray col, jfloatArray g, jfloatArray x, jfloatArray dw, jint stride, jint n, jint from,
        jint to) {
    (void) cls;
    PIN(jint, rowPtr);
    PIN(jint, col);
    PIN(float, g);
    PIN(float, x);
    PIN(float, dw);
    if (rowPtr_ && col_ && g_ && x_ && dw_) {
        weight_gradient(rowPtr_, col_, g_, x_, dw_, stride, n, from, to);
    }
    UNPIN(dw, 0);
    UNPIN(x, JNI_ABORT);
    UNPIN(g, JNI_ABORT);
    UNPIN(col, JNI_ABORT);
    UNPIN(rowPtr, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_features(JNIEnv *env, jclass cls, jbyteArray st, jint e,
        jint n, jfloatArray scale, jfloatArray shift, jint plane, jfloatArray out, jint stride) {
    (void) cls;
    PIN(unsigned char, st);
    PIN(float, scale);
    PIN(float, shift);
    PIN(float, out);
    if (st_ && scale_ && shift_ && out_) {
        features(st_, e, n, scale_, shift_, plane, out_, stride);
    }
    UNPIN(out, 0);
    UNPIN(shift, JNI_ABORT);
    UNPIN(scale, JNI_ABORT);
    UNPIN(st, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_exp(JNIEnv *env, jclass cls, jdoubleArray a, jint count) {
    (void) cls;
    PIN(double, a);
    if (a_) {
        exp_in_place(a_, count);
    }
    UNPIN(a, 0);
}
