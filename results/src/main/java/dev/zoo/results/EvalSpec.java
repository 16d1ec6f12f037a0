package dev.zoo.results;

import dev.zoo.core.ZooException;
import dev.zoo.metadata.KnownDataset;
import java.nio.file.Path;

/**
 * One evaluation's settings as a typed document: what {@code zoo eval} binds from its options, what the shard tasks
 * of a cluster evaluation receive (as JSON, {@link EvalSpecJson}, never as rebuilt options), what a run's provenance
 * keeps and what an upload may state. Null means "not given": the evaluator decides (the device's precision, every
 * core). Each part checks itself when it is made, so a spec read from JSON is as valid as one bound from options.
 */
public record EvalSpec(Data data, Selection selection, Compute compute, Transform transform) {

    /** {@code --batch auto}: the largest batch whose forward pass fits. */
    public static final int AUTO_BATCH = 0;

    public EvalSpec {
        require(data, "data");
        selection = selection == null ? Selection.ALL : selection;
        require(compute, "compute");
        transform = transform == null ? Transform.CARD : transform;
        if (selection.shard() != null && compute.batch() == AUTO_BATCH) {
            throw ZooException.usage("--batch auto cannot shard: every shard must cut the images at the same batch "
                    + "boundaries; give --batch N");
        }
    }

    /**
     * The images and what they are.
     *
     * @param folder     the validation images
     * @param labels     the labels of a flat folder
     * @param dataset    the identity the user declares (checked against the data, never trusted)
     * @param labelMap   which network output stands for each of the data's classes
     * @param realLabels ImageNet-ReaL's real.json
     * @param strict     fail on the first unreadable image instead of skipping it
     */
    public record Data(Path folder, Path labels, KnownDataset dataset, Path labelMap, Path realLabels,
                       boolean strict) {
        public Data {
            require(folder, "data.folder");
        }

        /** The same data with every path absolute: a shard task on another machine resolves nothing itself. */
        public Data absolute() {
            return new Data(abs(folder), abs(labels), dataset, abs(labelMap), abs(realLabels), strict);
        }
    }

    /**
     * Which of the images: the first {@code limit}, those a {@code subset} file lists, or one shard of them.
     *
     * @param expectFingerprint the whole data's fingerprint the submitter saw: a shard that sees other images refuses
     */
    public record Selection(Integer limit, Path subset, ShardSpec shard, String expectFingerprint) {
        public static final Selection ALL = new Selection(null, null, null, null);

        public Selection {
            if (limit != null && subset != null) {
                throw ZooException.usage("limit and subset are two selections: give one");
            }
            if (limit != null && limit < 1) {
                throw ZooException.usage("limit must be at least 1, found " + limit);
            }
        }

        public Selection absolute() {
            return new Selection(limit, abs(subset), shard, expectFingerprint);
        }

        public Selection withShard(ShardSpec shard, String expectFingerprint) {
            return new Selection(limit, subset, shard, expectFingerprint);
        }
    }

    /** Shard {@code index} (0-based) of {@code count}. */
    public record ShardSpec(int index, int count) {
        public ShardSpec {
            if (count < 1 || index < 0 || index >= count) {
                throw ZooException.usage("--shard " + index + "/" + count + ": the index must be 0 … count-1 and the "
                        + "count at least 1");
            }
        }
    }

    /**
     * How the forward pass runs.
     *
     * @param batch          images per forward pass, or {@link #AUTO_BATCH}
     * @param device         cpu, gpu or gpu:0,1; null: every GPU the engine sees, else the CPU
     * @param precision      one of {@link Provenance#PRECISIONS}; null: what timm does on the device
     * @param cudnnBenchmark let cuDNN time its algorithms
     * @param threads        decoding workers and engine threads; null: the machine's cores (a shard task's own)
     */
    public record Compute(Integer batch, String device, String precision, boolean cudnnBenchmark, Integer threads) {
        public Compute {
            require(batch, "compute.batch");
            if (batch < 0) {
                throw ZooException.usage("batch must be a positive number, or 0 for auto, found " + batch);
            }
            if (precision != null && !Provenance.PRECISIONS.contains(precision)) {
                throw ZooException.usage("precision: expected one of " + String.join(", ", Provenance.PRECISIONS)
                        + ", found '" + precision + "'");
            }
            if (threads != null && threads < 1) {
                throw ZooException.usage("threads must be at least 1, found " + threads);
            }
        }

        /** The threads to use here: as given, else this machine's cores. */
        public int threadsHere() {
            return threads != null ? threads : Runtime.getRuntime().availableProcessors();
        }

        public Compute withPrecision(String planned) {
            return new Compute(batch, device, planned, cudnnBenchmark, threads);
        }
    }

    /** A spec at the card's recipe. */
    public EvalSpec(Data data, Selection selection, Compute compute) {
        this(data, selection, compute, Transform.CARD);
    }

    /**
     * The evaluation transform at another input size or crop than the card's, as timm's {@code validate.py} takes
     * {@code --img-size} and {@code --crop-pct} (people test convolutional networks above their training size).
     *
     * @param imageSize the crop's side in pixels; null: the card's
     * @param cropPct   the crop's share of the resized image, in (0, 1]; null: the card's
     */
    public record Transform(Integer imageSize, Double cropPct) {
        public static final Transform CARD = new Transform(null, null);
        /** Larger than any input a classifier is evaluated at (the largest timm configures is 800). */
        public static final int MAX_IMAGE_SIZE = 4096;

        public Transform {
            if (imageSize != null && (imageSize < 1 || imageSize > MAX_IMAGE_SIZE)) {
                throw ZooException.usage("image size must be 1 … " + MAX_IMAGE_SIZE + " pixels, found " + imageSize);
            }
            if (cropPct != null && !(cropPct > 0 && cropPct <= 1)) {
                throw ZooException.usage("crop pct must be in (0, 1], found " + cropPct);
            }
        }
    }

    /** The shard of a sharded evaluation this spec evaluates; null when not sharded. */
    public ShardSpec shard() {
        return selection.shard();
    }

    /** This spec with every path absolute. */
    public EvalSpec absolute() {
        return new EvalSpec(data.absolute(), selection.absolute(), compute, transform);
    }

    /** This spec for one shard of an evaluation whose whole data has {@code fingerprint}. */
    public EvalSpec forShard(ShardSpec shard, String fingerprint) {
        return new EvalSpec(data, selection.withShard(shard, fingerprint), compute, transform);
    }

    /** This spec with the precision decided (so that every shard computes, and keys its evaluation, alike). */
    public EvalSpec withPrecision(String planned) {
        return new EvalSpec(data, selection, compute.withPrecision(planned), transform);
    }

    private static Path abs(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw ZooException.usage("the evaluation spec needs " + name);
        }
    }
}
