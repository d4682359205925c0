package dev.jackpot.teacher;

/**
 * Small helpers on K x d weight matrices stored as {@code double[K][d]}.
 */
public final class Matrices {

    private Matrices() {
    }

    /**
     * @param a a matrix
     * @return a deep copy
     */
    public static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /**
     * @param a a matrix
     * @return ||a||_F
     */
    public static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * @param a a matrix
     * @param b a matrix of the same shape
     * @return ||a - b||_F
     */
    public static double distance(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double t = a[i][j] - b[i][j];
                s += t * t;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * @param a a matrix
     * @return whether every entry is finite
     */
    public static boolean allFinite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
