package dev.zoo.networks.resnet;

import dev.zoo.networks.WeightsMismatchException;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.TensorInfo;
import dev.zoo.networks.tensors.TensorSource;
import dev.zoo.networks.tensors.WeightsFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A state dict held against the tensors a network reads, as PyTorch's strict {@code load_state_dict} holds it: a
 * missing tensor, an unexpected one and a wrong shape are each named (key, expected and found shape), before a byte of
 * data is read. Batch norm's {@code num_batches_tracked} counters are training state, never read.
 */
public final class StateDictCheck {

    private static final int SHOWN = 8;

    private StateDictCheck() {
    }

    public static void check(TensorSource source, Map<String, long[]> expected, String what)
            throws WeightsFileException, WeightsMismatchException {
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            if (!source.contains(e.getKey())) {
                missing.add("'" + e.getKey() + "' " + TensorInfo.shapeText(e.getValue()));
                continue;
            }
            TensorInfo info = source.info(e.getKey());
            if (!Arrays.equals(info.shape(), e.getValue())) {
                wrong.add("'" + e.getKey() + "' is " + info.shapeText() + ", expected "
                        + TensorInfo.shapeText(e.getValue()));
            } else if (!info.dtype().floating()) {
                wrong.add("'" + e.getKey() + "' holds " + info.dtype().label() + " values, not weights");
            }
        }
        List<String> unexpected = source.names().stream().filter(n -> !expected.containsKey(n)
                && !n.endsWith(".num_batches_tracked")).map(n -> "'" + n + "'").toList();
        List<String> problems = new ArrayList<>();
        if (!wrong.isEmpty()) {
            problems.add("wrong shapes: " + shown(wrong));
        }
        if (!missing.isEmpty()) {
            problems.add("missing tensors: " + shown(missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors: " + shown(unexpected));
        }
        if (!problems.isEmpty()) {
            throw new WeightsMismatchException(source.file() + " (" + source.description() + ") does not fit " + what
                    + ": " + String.join("; ", problems));
        }
    }

    private static String shown(List<String> items) {
        return String.join(", ", items.size() > SHOWN ? items.subList(0, SHOWN) : items)
                + (items.size() > SHOWN ? " and " + (items.size() - SHOWN) + " more" : "");
    }

    /** Non-finite weights make every logit NaN: the first such tensor is named instead of evaluating garbage. */
    public static void requireFinite(TensorSource source, Tensor t) throws WeightsFileException {
        float[] data = t.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new WeightsFileException(String.format("%s [%s]: holds a non-finite value (%s at element %,d "
                        + "of %s); the weights are damaged", source.file(), t.name(), data[i], i, t.shapeText()));
            }
        }
    }
}
