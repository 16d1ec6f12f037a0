package dev.zoo.app;

import dev.zoo.evaluator.EvalJob;
import dev.zoo.metadata.Model;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The evaluation options {@code zoo check} shares with {@code zoo eval}. */
public class EvalOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "Validation images: one folder per wnid, or a flat "
            + "folder with a label file (default: ZOO_IMAGENET).")
    Path data;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels of a flat folder: the devkit's "
            + "ILSVRC2012_validation_ground_truth.txt, a Caffe val.txt, a wnid per line, or LOC_val_solution.csv.")
    Path labels;

    @Option(names = "--real-labels", paramLabel = "FILE", description = "ImageNet-ReaL real.json: adds ReaL "
            + "top-1/top-5.")
    Path realLabels;

    @ArgGroup(exclusive = true)
    Selection selection;

    static class Selection {
        @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (in name order).")
        Integer limit;

        @Option(names = "--subset", paramLabel = "FILE", description = "Only the images listed in FILE, one name "
                + "per line (as in --predictions).")
        Path subset;
    }

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "Batch size (default 16).")
    int batch;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:0,1", description = "Where to run (default: every GPU DJL "
            + "sees, else the CPU).")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding workers and libtorch threads "
            + "(default: the number of cores).")
    Integer threads;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of counting it.")
    boolean strict;

    EvalJob.Request request(Model model, Path dataDir, Path predictions, boolean resume) {
        if (batch <= 0 || (threads != null && threads <= 0)) {
            throw new CliException(ExitCode.USAGE, "--batch and --threads must be positive");
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new EvalJob.Request(model, dataDir, labels, realLabels, selection == null ? null : selection.subset,
                selection == null ? null : selection.limit, batch, device, workers, predictions, strict, resume);
    }
}
