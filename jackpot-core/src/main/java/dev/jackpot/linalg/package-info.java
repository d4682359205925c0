/**
 * Small dense linear algebra for the analytic problems: optimal assignment, symmetric
 * eigendecomposition, least squares. Plain arrays, no dependencies.
 */
package dev.jackpot.linalg;
