/**
 * Strong lottery tickets in deep networks: edge-popup (Ramanujan et al., CVPR 2020) over frozen
 * random weights, and PGD+StrongLTH (Xiong, Liao and Kyrillidis, AISTATS 2023), which first moves
 * the weights by projected gradient descent inside an L-infinity ball of radius eps around the
 * initialisation and then runs edge-popup over the perturbed weights. {@link dev.jackpot.nn.popup.PopupRun}
 * and {@link dev.jackpot.nn.popup.PerturbRun} write their run directories; {@link dev.jackpot.nn.popup.PerturbJobs}
 * runs the perturbation table's cells as executor jobs (Spark), with the local run's results.
 *
 * <p>Conventions: {@code k} ({@link dev.jackpot.nn.popup.TopK}, {@link dev.jackpot.nn.popup.PopupSpec})
 * is always the fraction of weights KEPT in every prunable layer; the perturbation experiment's
 * sparsity {@code s = 1 - k} is the fraction PRUNED, as in Xiong et al.'s table.
 */
package dev.jackpot.nn.popup;
