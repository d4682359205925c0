package dev.jackpot.nn.model;

/**
 * How Conv and Linear weights are drawn. Biases and batch-norm shifts start at 0, running means at
 * 0 and running variances at 1 in every scheme.
 */
public enum InitScheme {
    /**
     * Kaiming (He) normal, fan-in mode, ReLU gain: {@code W ~ N(0, 2 / fanIn)} (He et al., ICCV
     * 2015); OpenLTH's default {@code kaiming_normal}. Batch-norm scales are drawn U[0, 1) as
     * OpenLTH's {@code uniform} batch-norm initialiser.
     */
    KAIMING_NORMAL,
    /**
     * Glorot (Xavier) normal: {@code W ~ N(0, 2 / (fanIn + fanOut))} (Glorot and Bengio, AISTATS
     * 2010), the initialisation of Frankle and Carbin's LeNet. Batch-norm scales start at 1.
     */
    GLOROT_NORMAL
}
