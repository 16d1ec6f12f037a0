package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.networks.Precision;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.metadata.Model;
import dev.zoo.results.EvalSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The evaluation options {@code zoo check} shares with {@code zoo eval}. */
public class EvalOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Validation images: one folder per wnid (or per "
            + "class number, as ImageNetV2), or a flat folder with a label file (default: ZOO_IMAGENET).")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels of a flat folder: the devkit's "
            + "ILSVRC2012_validation_ground_truth.txt, a Caffe val.txt, a wnid per line, or LOC_val_solution.csv.")
    Path labels;

    @Option(names = "--dataset", paramLabel = "NAME", converter = DatasetConverter.class,
            completionCandidates = DatasetNames.class, description = "What the data is: ${COMPLETION-CANDIDATES}. "
            + "Checked against what the data holds, never trusted; needed only to name an ImageNetV2 variant whose "
            + "folder name does not.")
    KnownDataset dataset;

    @Option(names = "--label-map", paramLabel = "FILE", description = "Which network output stands for each of the "
            + "data's classes ('CLASS OUTPUT' per line), for a network whose classes are not the data's.")
    Path labelMap;

    @Option(names = "--real-labels", paramLabel = "FILE", description = "ImageNet-ReaL real.json: adds ReaL "
            + "top-1/top-5 (ImageNet-1k validation only).")
    Path realLabels;

    @ArgGroup(exclusive = true)
    Selection selection;

    static class Selection {
        @Option(names = "--limit", paramLabel = "N", converter = Numbers.Positive.class,
                description = "Only the first N images (in name order): a partial run, never shown as the measured "
                        + "value.")
        Integer limit;

        @Option(names = "--subset", paramLabel = "FILE", description = "Only the images listed in FILE, one per "
                + "line: as in --predictions (wnid/name.JPEG), or a bare file name naming one image: a partial run.")
        Path subset;
    }

    @Option(names = "--image-size", paramLabel = "N", converter = Numbers.ImageSize.class, description = "Evaluate "
            + "at N x N pixels instead of the card's size, as timm's validate.py --img-size (the resize follows: N / "
            + "crop pct). Recorded; such a run never stands beside a claim made at the card's size.")
    Integer imageSize;

    @Option(names = "--crop-pct", paramLabel = "F", converter = Numbers.CropPct.class, description = "The centre "
            + "crop's share of the resized image, in (0, 1], instead of the card's (as timm's --crop-pct). Recorded "
            + "as --image-size is.")
    Double cropPct;

    @Option(names = "--batch", paramLabel = "N|auto", defaultValue = "16", converter = Numbers.Batch.class,
            description = "Images per forward pass (default 16); auto: the largest power of two up to 256 whose "
                    + "forward pass fits in the GPU's memory (32 on a CPU), recorded with the run.")
    int batch;

    @Option(names = "--precision", paramLabel = "fp32|tf32|fp16", converter = PrecisionConverter.class,
            completionCandidates = Completions.Precisions.class,
            description = "Arithmetic of the forward pass (default: tf32 on a GPU, fp32 on a CPU, as timm does). "
                    + "fp16 runs convolutions in 16 bits, GroupNorm and the logits in float32. Recorded with the "
                    + "run; runs of different precisions are not compared.")
    Precision precision;

    @Option(names = "--cudnn-benchmark", description = "Let cuDNN time its algorithms and keep the fastest (timm "
            + "does; faster, but the choice may differ between runs). Recorded with the run.")
    boolean cudnnBenchmark;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:0,1", completionCandidates = Completions.Devices.class,
            description = "Where to run (default: every GPU DJL "
            + "sees, else the CPU).")
    String device;

    @Option(names = "--threads", paramLabel = "N", converter = Numbers.Positive.class,
            description = "Decoding workers and libtorch threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of skipping it.")
    boolean strict;

    /** These options as an evaluation's spec, on {@code dataDir} (--data, or ZOO_IMAGENET). */
    EvalSpec spec(Path dataDir) {
        return new EvalSpec(new EvalSpec.Data(dataDir, labels, dataset, labelMap, realLabels, strict),
                selection == null ? EvalSpec.Selection.ALL
                        : new EvalSpec.Selection(selection.limit, selection.subset, null, null),
                new EvalSpec.Compute(batch, device, precision == null ? null : precision.label(), cudnnBenchmark,
                        threads), new EvalSpec.Transform(imageSize, cropPct));
    }

    /** A request to evaluate {@code model} with these options (nothing written beside the run). */
    EvalJob.Request request(Model model, Path dataDir) {
        return new EvalJob.Request(model, spec(dataDir), null, null);
    }

    /** The command-line names of the sets with images of their own, for help and shell completion. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(KnownDataset.values()).filter(d -> !d.derived()).map(KnownDataset::cliName)
                    .iterator();
        }
    }

    /** {@code --dataset}: one of the {@link KnownDataset} command-line names of a set with images of its own. */
    static final class DatasetConverter implements ITypeConverter<KnownDataset> {
        @Override
        public KnownDataset convert(String value) {
            KnownDataset d = KnownDataset.fromCli(value).orElseThrow(() -> new TypeConversionException("expected "
                    + "one of " + String.join(", ", new DatasetNames()) + ", found '" + value + "'"));
            if (d.derived()) {
                throw new TypeConversionException(d.label() + " is measured beside a run on the ImageNet-1k "
                        + "validation images (--dataset imagenet), never evaluated alone");
            }
            return d;
        }
    }

    /** {@code --precision}: one of fp32, tf32, fp16 (bf16 is parsed so that asking for it gets the reason). */
    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return Precision.parse(value).orElseThrow(() -> new TypeConversionException(
                    "expected one of fp32, tf32, fp16, found '" + value + "'"));
        }
    }
}
