/**
 * Instability and linear mode connectivity (Frankle, Dziugaite, Roy, Carbin, ICML 2020): networks
 * rewound to step k, trained twice with different data orders, and the error barrier on the straight
 * line between the two ({@link dev.jackpot.nn.stability.LinearPath}), for the dense network and IMP
 * tickets of a lottery run ({@link dev.jackpot.nn.stability.Stability}).
 */
package dev.jackpot.nn.stability;
