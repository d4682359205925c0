package dev.jackpot.theory;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.teacher.Recovery;
import dev.jackpot.teacher.Teacher;
import dev.jackpot.teacher.TrialListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Records, after every iteration of Algorithm 1, the batch loss, the relative change and the
 * recovery error against the teacher (min over permutations), and forwards each event to another
 * listener (e.g. a progress bar).
 */
public final class TrajectoryRecorder implements TrialListener {

    /**
     * One iteration.
     *
     * @param iteration      1-based iteration
     * @param loss           batch loss at W(t)
     * @param relativeChange ||W(t+1) - W(t)|| / ||W(t)||
     * @param recoveryError  recovery error of W(t+1)
     */
    public record Point(int iteration, double loss, double relativeChange, double recoveryError) {
    }

    private final TrialListener next;
    private final List<Point> points = new ArrayList<>();
    private double[][] teacherWeights;
    private double initialError = Double.NaN;

    /** @param next listener to forward events to */
    public TrajectoryRecorder(TrialListener next) {
        this.next = next;
    }

    @Override
    public void onStart(Teacher teacher, SupportMask mask, double[][] w0) {
        teacherWeights = teacher.weights();
        initialError = Recovery.relativeError(w0, teacherWeights);
        next.onStart(teacher, mask, w0);
    }

    @Override
    public void onIteration(int iteration, double batchLoss, double relativeChange, double[][] weights) {
        points.add(new Point(iteration, batchLoss, relativeChange, Recovery.relativeError(weights, teacherWeights)));
        next.onIteration(iteration, batchLoss, relativeChange, weights);
    }

    /** @return the recovery error of W(0) */
    public double initialError() {
        return initialError;
    }

    /** @return the recorded points, in order */
    public List<Point> points() {
        return List.copyOf(points);
    }

    /** @return the trajectory as CSV with a header line */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("iteration,loss,relative_change,recovery_error\n");
        sb.append(0).append(",,,").append(initialError).append('\n');
        for (Point p : points) {
            sb.append(p.iteration()).append(',').append(p.loss()).append(',').append(p.relativeChange()).append(',')
                    .append(p.recoveryError()).append('\n');
        }
        return sb.toString();
    }
}
