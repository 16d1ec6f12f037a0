package dev.zoo.networks;

import dev.zoo.networks.tensors.Dtype;
import dev.zoo.networks.tensors.Tensor;
import dev.zoo.networks.tensors.TensorInfo;
import dev.zoo.networks.tensors.TensorSource;
import dev.zoo.networks.tensors.WeightsFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The weights {@code tools/make_timm_fixtures.py} gives timm's networks, made here by the same rule, so that a
 * full-size network's fixture is only its expected logits: element k of tensor N is murmur3's finaliser of
 * {@code k * 0x9E3779B1 + crc32(N)}, its top 24 bits a uniform u in [0, 1) and v = 2u - 1; a weight of two or more
 * dimensions is {@code v * sqrt(3 / fan_in)}, a 1-D ".weight" {@code 1 + 0.2 v}, ".running_var" {@code 0.5 + 0.5 u},
 * anything else {@code 0.1 v}; each in double, rounded once to float.
 */
public final class WeightRule {

    private WeightRule() {
    }

    public static float[] values(String name, long[] shape) {
        int n = Math.toIntExact(TensorInfo.elements(shape));
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        long seed = crc.getValue();
        double scale = 1;
        if (shape.length >= 2) {
            long fan = 1;
            for (int i = 1; i < shape.length; i++) {
                fan *= shape[i];
            }
            scale = Math.sqrt(3.0 / fan);
        }
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            int h = (int) ((k * 0x9E3779B1L + seed) & 0xFFFFFFFFL);
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            h ^= h >>> 16;
            double u = (h >>> 8) / (double) (1 << 24);
            double v = 2.0 * u - 1.0;
            double value = shape.length >= 2 ? v * scale : name.endsWith(".running_var") ? 0.5 + 0.5 * u
                    : name.endsWith(".weight") ? 1.0 + 0.2 * v : 0.1 * v;
            out[k] = (float) value;
        }
        return out;
    }

    /** A state dict of these tensors' names and shapes, each made by the rule when it is read. */
    public static TensorSource source(Map<String, long[]> shapes) {
        return new Ruled(new LinkedHashMap<>(shapes));
    }

    private record Ruled(Map<String, long[]> shapes) implements TensorSource {
        @Override
        public Path file() {
            return Path.of("rule-weights");
        }

        @Override
        public String description() {
            return "weights made by the fixtures' rule";
        }

        @Override
        public List<String> names() {
            return new ArrayList<>(shapes.keySet());
        }

        @Override
        public boolean contains(String name) {
            return shapes.containsKey(name);
        }

        @Override
        public TensorInfo info(String name) {
            return new TensorInfo(name, Dtype.FLOAT32, shapes.get(name));
        }

        @Override
        public void readAll(Collection<String> wanted, TensorConsumer each)
                throws WeightsFileException {
            Set<String> want = new HashSet<>(wanted);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                if (want.contains(e.getKey())) {
                    each.accept(new Tensor(e.getKey(), e.getValue(), values(e.getKey(), e.getValue())));
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
