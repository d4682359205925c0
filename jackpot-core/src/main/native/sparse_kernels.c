/*
 * Jackpot's sparse products (dev.jackpot.sparse.SparseKernels) in C, for the JIT does not vectorise a
 * float reduction. Every output element is computed in the order of the Java loops, with one rounding per
 * multiply and per add (build with -ffp-contract=off, never -ffast-math), so the bits are the Java kernels'
 * on any instruction set; vectorising only runs independent elements side by side. On x86-64 each kernel is
 * built for AVX-512, AVX2 and baseline SSE2 and the loader picks the best the CPU has.
 *
 * Build (as ./jackpot does): cc -O3 -ffp-contract=off -Wno-psabi -shared -fPIC -I$JAVA_HOME/include
 *   -I$JAVA_HOME/include/linux -o libjackpot-sparse.so sparse_kernels.c
 */
#include <jni.h>
#include <stddef.h>
#include <string.h>

#define ABI 1
#define LANES 16

#if defined(__x86_64__) && defined(__GNUC__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

typedef float v16 __attribute__((vector_size(64)));
typedef float v8 __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))

INLINE v16 ld(const float *p) {
    v16 v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE void st(float *p, v16 v) {
    memcpy(p, &v, sizeof v);
}

INLINE v16 splat(float a) {
    return (v16) {a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a};
}

/* Lane l sums g[j] h[j] over j = l, l + 16, ... < n in ascending j; the lanes are then added pairwise. */
INLINE float finish(v16 acc, const float *g, const float *h, int nb, int n) {
    float s[LANES];
    memcpy(s, &acc, sizeof s);
    for (int l = 0; l < n - nb; l++) {
        s[l] += g[nb + l] * h[nb + l];
    }
    float b0 = (s[0] + s[8]) + (s[4] + s[12]);
    float b1 = (s[1] + s[9]) + (s[5] + s[13]);
    float b2 = (s[2] + s[10]) + (s[6] + s[14]);
    float b3 = (s[3] + s[11]) + (s[7] + s[15]);
    return (b0 + b2) + (b1 + b3);
}

CLONES static void weight_gradient(const jint *rowPtr, const jint *col, const float *g, const float *x, float *dw,
                                   ptrdiff_t stride, int n, int from, int to) {
    int nb = n & ~(LANES - 1);
    for (int o = from; o < to; o++) {
        const float *go = g + o * stride;
        int k = rowPtr[o];
        int end = rowPtr[o + 1];
        for (; k + 3 < end; k += 4) {
            const float *h0 = x + col[k] * stride;
            const float *h1 = x + col[k + 1] * stride;
            const float *h2 = x + col[k + 2] * stride;
            const float *h3 = x + col[k + 3] * stride;
            v16 a0 = splat(0.f), a1 = splat(0.f), a2 = splat(0.f), a3 = splat(0.f);
            for (int j = 0; j < nb; j += LANES) {
                v16 gv = ld(go + j);
                a0 += gv * ld(h0 + j);
                a1 += gv * ld(h1 + j);
                a2 += gv * ld(h2 + j);
                a3 += gv * ld(h3 + j);
            }
            dw[k] = finish(a0, go, h0, nb, n);
            dw[k + 1] = finish(a1, go, h1, nb, n);
            dw[k + 2] = finish(a2, go, h2, nb, n);
            dw[k + 3] = finish(a3, go, h3, nb, n);
        }
        for (; k < end; k++) {
            const float *h0 = x + col[k] * stride;
            v16 a0 = splat(0.f);
            for (int j = 0; j < nb; j += LANES) {
                a0 += ld(go + j) * ld(h0 + j);
            }
            dw[k] = finish(a0, go, h0, nb, n);
        }
    }
}

/*
 * y[j] = init, then for each group of four entries y[j] += ((a0 x0[j] + a1 x1[j]) + a2 x2[j]) + a3 x3[j], and
 * the remainder y[j] += a x[j] one at a time: entry t of [from, to) has weight w[pos[t]] and input row
 * src[pos[t]] (pos null: t itself). The examples run in blocks of eight registers held across all entries.
 */
#define ROW_PASS(NV)                                                                                        \
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
        for (int v = 0; v < NV; v++) st(y + j + v * LANES, acc[v]);                                         \
    } while (0)

INLINE void row_sum(float *y, float init, const float *w, const jint *src, const jint *pos, int from, int to,
                           const float *x, ptrdiff_t stride, int n) {
    int j = 0;
    for (; j + 8 * LANES <= n; j += 8 * LANES) {
        ROW_PASS(8);
    }
    for (; j + LANES <= n; j += LANES) {
        ROW_PASS(1);
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
        y[j] = a;
    }
}

CLONES static void forward(const jint *rowPtr, const jint *col, const float *w, const float *bias, const float *x,
                           float *z, ptrdiff_t stride, int n, int from, int to) {
    for (int o = from; o < to; o++) {
        row_sum(z + o * stride, bias ? bias[o] : 0.f, w, col, NULL, rowPtr[o], rowPtr[o + 1], x, stride, n);
    }
}

CLONES static void input_gradient(const jint *colPtr, const jint *colPos, const jint *rowOf, const float *w,
                                  const float *g, float *dx, ptrdiff_t stride, int n, int from, int to) {
    for (int i = from; i < to; i++) {
        row_sum(dx + i * stride, 0.f, w, rowOf, colPos, colPtr[i], colPtr[i + 1], g, stride, n);
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
        jintArray col, jfloatArray w, jfloatArray bias, jfloatArray x, jfloatArray z, jint stride, jint n, jint from,
        jint to) {
    (void) cls;
    PIN(jint, rowPtr);
    PIN(jint, col);
    PIN(float, w);
    PIN(float, bias);
    PIN(float, x);
    PIN(float, z);
    if (rowPtr_ && col_ && w_ && (bias_ || !bias) && x_ && z_) {
        forward(rowPtr_, col_, w_, bias_, x_, z_, stride, n, from, to);
    }
    UNPIN(z, 0);
    UNPIN(x, JNI_ABORT);
    UNPIN(bias, JNI_ABORT);
    UNPIN(w, JNI_ABORT);
    UNPIN(col, JNI_ABORT);
    UNPIN(rowPtr, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_dev_jackpot_sparse_NativeKernels_inputGradient(JNIEnv *env, jclass cls,
        jintArray colPtr, jintArray colPos, jintArray rowOf, jfloatArray w, jfloatArray g, jfloatArray dx, jint stride,
        jint n, jint from, jint to) {
    (void) cls;
    PIN(jint, colPtr);
    PIN(jint, colPos);
    PIN(jint, rowOf);
    PIN(float, w);
    PIN(float, g);
    PIN(float, dx);
    if (colPtr_ && colPos_ && rowOf_ && w_ && g_ && dx_) {
        input_gradient(colPtr_, colPos_, rowOf_, w_, g_, dx_, stride, n, from, to);
    }
    UNPIN(dx, 0);
    UNPIN(g, JNI_ABORT);
    UNPIN(w, JNI_ABORT);
    UNPIN(rowOf, JNI_ABORT);
    UNPIN(colPos, JNI_ABORT);
    UNPIN(colPtr, JNI_ABORT);
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
