/*
 * Lets the oneMKL inside DJL's libtorch use its instruction-set kernels on a non-Intel x86-64 CPU.
 *
 * oneMKL 2024.0, linked statically into libtorch_cpu.so, picks its GEMM kernels from the CPU vendor
 * before it looks at the instruction set: on an AMD CPU it takes its generic path (MKL_VERBOSE prints
 * "Intel(R) Architecture processors") even where the CPU has AVX2 or AVX-512, and no environment
 * variable changes that since oneMKL 2020.1 (MKL_DEBUG_CPU_TYPE is gone; MKL_CBWR and
 * MKL_ENABLE_INSTRUCTIONS only restrict). libtorch calls both vendor checks through its PLT, so a
 * library preloaded before it (LD_PRELOAD) answers them. oneMKL then dispatches on the CPUID feature
 * bits as it does on Intel CPUs: AVX-512 kernels where the CPU has AVX-512, AVX2 where it has AVX2.
 *
 * ./jackpot builds this file with cc and preloads it on AMD CPUs (JACKPOT_MKL_VENDOR_CHECK=keep turns
 * that off). Measured on an AMD EPYC (Zen 5), one thread: LeNet-300-100's eight GEMMs per step
 * 93-100 GFLOP/s on the generic path, 101-107 on the AVX-512 one; the dense epoch 0.90-0.98 s -> 0.63-0.67 s.
 * Only floating-point rounding differs (different kernels sum in different orders); MklVendorCheckTest
 * checks a product against a double-precision reference under both.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}

int mkl_serv_intel_cpu(void) {
    return 1;
}
