package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.jackpot.nn.data.Batches;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Network;

import java.util.Map;

/**
 * Loss and accuracy of a network on a dataset, in evaluation mode (batch-norm uses its running
 * statistics), in batches, without gradients.
 *
 * @param loss     mean cross-entropy {@code -(1/N) sum_i log softmax(f(x_i))[y_i]}
 * @param accuracy fraction of examples whose arg-max logit is the label
 */
public record Evaluation(double loss, double accuracy) {

    /**
     * @param manager   where temporaries are created (they are closed before returning)
     * @param network   the network
     * @param params    its (possibly masked) parameters
     * @param data      the examples
     * @param norm      the normalisation
     * @param batchSize examples per batch
     * @return the evaluation
     */
    public static Evaluation of(NDManager manager, Network network, Map<String, NDArray> params, ImageDataset data,
                                Normalisation norm, int batchSize) {
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray x = manager.create(Batches.features(data, norm, order, from, to),
                        new Shape(to - from, data.channels(), data.height(), data.width()));
                NDArray y = manager.create(Batches.labels(data, order, from, to));
                NDArray logits = network.forward(params, x, false);
                lossSum += Losses.crossEntropySum(logits, y, network.classes()).getFloat();
                correct += logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false)
                        .eq(y).sum().toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
            }
        }
        return new Evaluation(lossSum / n, correct / (double) n);
    }
}
