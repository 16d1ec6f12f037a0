package dev.zoo.evaluator;

import dev.zoo.networks.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.DatasetException;
import dev.zoo.evaluator.data.Sample;
import dev.zoo.evaluator.eval.Evaluator;
import dev.zoo.results.Prediction;
import dev.zoo.evaluator.eval.PredictionLog;
import dev.zoo.evaluator.image.ImageDecoder;
import dev.zoo.evaluator.image.Interpolation;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.networks.resnetv2.BitResNetV2;
import dev.zoo.metadata.ResizeMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    static final Recipe RECIPE = new Recipe(48, 0.875, Interpolation.BICUBIC, ResizeMode.CROP, Recipe.HALF,
            Recipe.HALF);
    static BitResNetV2 net;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        net = BitResNetV2.load(Fixtures.BIT_TINY, Fixtures.path("bit-tiny/weights.npz"), Device.cpu(),
                BitResNetV2.Options.BIT);
    }

    @AfterAll
    static void close() {
        net.close();
    }

    Evaluator evaluator(int batch, boolean strict) {
        return new Evaluator(List.of(net), RECIPE, new Evaluator.Options(batch, 2, strict));
    }

    @Test
    void classFoldersAreLabelledInSortedOrderAndSubsetsSelect() throws Exception {
        Path root = TinyImages.classFolders(tmp.resolve("data"), 3, 2);
        Dataset d = Dataset.open(root, null, null);
        assertThat(d.layout()).isEqualTo(Dataset.Layout.CLASS_FOLDERS);
        assertThat(d.samples()).extracting(Sample::name, Sample::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("class_00/img_000.jpg", 0),
                org.assertj.core.groups.Tuple.tuple("class_00/img_001.jpg", 0),
                org.assertj.core.groups.Tuple.tuple("class_01/img_000.jpg", 1),
                org.assertj.core.groups.Tuple.tuple("class_01/img_001.jpg", 1),
                org.assertj.core.groups.Tuple.tuple("class_02/img_000.jpg", 2),
                org.assertj.core.groups.Tuple.tuple("class_02/img_001.jpg", 2));
        assertThat(d.limit(2).samples()).hasSize(2);
        Path subset = Files.writeString(tmp.resolve("subset.txt"), "# two images\nclass_02/img_001.jpg\n"
                + "class_00/img_000.jpg\n");
        assertThat(d.subset(subset).samples()).extracting(Sample::name)
                .containsExactly("class_00/img_000.jpg", "class_02/img_001.jpg");
        Path bad = Files.writeString(tmp.resolve("bad.txt"), "class_09/nope.jpg\n");
        assertThatThrownBy(() -> d.subset(bad)).hasMessage(bad + ":1: 'class_09/nope.jpg' is not an image of " + root);
        assertThat(d.fingerprint()).hasSize(64).isEqualTo(Dataset.open(root, null, null).fingerprint())
                .isNotEqualTo(d.limit(2).fingerprint());
        // bare file names, as a list of validation images has them, when each names one image
        Files.move(root.resolve("class_01/img_001.jpg"), root.resolve("class_01/ILSVRC2012_val_00000007.JPEG"));
        Dataset renamed = Dataset.open(root, null, null);
        Path bare = Files.writeString(tmp.resolve("bare.txt"), "ILSVRC2012_val_00000007.JPEG\n");
        assertThat(renamed.subset(bare).samples()).extracting(Sample::name)
                .containsExactly("class_01/ILSVRC2012_val_00000007.JPEG");
        Path ambiguous = Files.writeString(tmp.resolve("ambiguous.txt"), "\nimg_000.jpg\n");
        assertThatThrownBy(() -> renamed.subset(ambiguous)).hasMessage(ambiguous + ":2: 'img_000.jpg' names 3 "
                + "images of " + root + " (class_00/img_000.jpg, class_01/img_000.jpg, class_02/img_000.jpg); write "
                + "it with its folder");
    }

    @Test
    void wnidFoldersAndFlatFoldersWithLabelFilesUseTheStandardIndex() throws Exception {
        Path wnids = tmp.resolve("wnids");
        TinyImages.write(wnids.resolve("n15075141/a.JPEG"), 30, 30, 1);
        TinyImages.write(wnids.resolve("n01440764/b.JPEG"), 30, 30, 2);
        assertThat(Dataset.open(wnids, null, null).samples()).extracting(Sample::label).containsExactly(0, 999);

        Path flat = tmp.resolve("flat");
        TinyImages.write(flat.resolve("ILSVRC2012_val_00000001.JPEG"), 30, 30, 3);
        TinyImages.write(flat.resolve("ILSVRC2012_val_00000003.JPEG"), 30, 30, 4);
        Files.writeString(flat.resolve("ILSVRC2012_validation_ground_truth.txt"), "490\n361\n171\n");
        Dataset devkit = Dataset.open(flat, null, null);
        assertThat(devkit.layout()).isEqualTo(Dataset.Layout.FLAT_WITH_LABELS);
        assertThat(devkit.samples()).extracting(Sample::label).containsExactly(65, 230);

        Path caffe = Files.writeString(tmp.resolve("val.txt"), "ILSVRC2012_val_00000001.JPEG 7\n");
        assertThatThrownBy(() -> Dataset.open(flat, caffe, null)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("has no label for 1 image(s)").hasMessageContaining("ILSVRC2012_val_00000003");
        Path noLabels = tmp.resolve("nolabels");
        TinyImages.write(noLabels.resolve("x.jpg"), 30, 30, 5);
        assertThatThrownBy(() -> Dataset.open(noLabels, null, null))
                .hasMessageContaining("pass the labels with --labels");
        assertThatThrownBy(() -> Dataset.open(tmp.resolve("absent"), null, null))
                .hasMessageContaining("does not exist");
    }

    /** Collects what the evaluator hands to its sink, as the run recorder would store it. */
    static final class Collected implements Evaluator.PredictionSink {
        final List<Prediction> predictions = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        @Override
        public void accept(List<Prediction> batch, int scored, int skipped) {
            predictions.addAll(batch);
        }
    }

    @Test
    void predictionsEqualADirectForwardAndCorruptImagesAreCountedNotScored() throws Exception {
        Path root = TinyImages.classFolders(tmp.resolve("data"), 4, 3);
        Files.write(root.resolve("class_01/img_zzz.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Dataset d = Dataset.open(root, null, null);
        Collected sink = new Collected();
        Evaluator.Outcome outcome = evaluator(5, false).run(d.samples(), null, List.of(), sink,
                new Evaluator.Listener() { });
        assertThat(outcome.evaluated()).isEqualTo(12);
        assertThat(outcome.accuracy().count()).isEqualTo(12);
        assertThat(outcome.failures()).singleElement().asString().contains("img_zzz.jpg")
                .contains("damaged or unreadable JPEG data");

        // the CSV of --predictions round-trips them
        Path logFile = tmp.resolve("predictions.csv");
        PredictionLog.write(logFile, sink.predictions);
        List<Prediction> logged = PredictionLog.read(logFile);
        assertThat(logged).hasSize(12);
        Sample first = d.samples().get(0);
        float[] input = new float[3 * 48 * 48];
        RECIPE.normalize(RECIPE.resizeAndCrop(ImageDecoder.decode(first.file())), input, 0);
        float[] direct;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch"); NDScope s = new NDScope()) {
            direct = net.forward(m.create(input, new Shape(1, 3, 48, 48))).toFloatArray();
        }
        Prediction p = logged.stream().filter(x -> x.name().equals(first.name())).findFirst().orElseThrow();
        int best = 0;
        for (int c = 1; c < direct.length; c++) {
            best = direct[c] > direct[best] ? c : best;
        }
        assertThat(p.top()[0]).isEqualTo(best);
        assertThat(p.logits()[0]).isCloseTo(direct[best], org.assertj.core.data.Offset.offset(1e-4f));

        assertThatThrownBy(() -> evaluator(5, true).run(d.samples(), null, List.of(), new Collected(),
                new Evaluator.Listener() { })).isInstanceOf(Evaluator.ImageFailure.class)
                .hasMessageContaining("img_zzz.jpg");
    }

    @Test
    void predictionCsvQuotesAnyFileName() throws Exception {
        List<Prediction> odd = List.of(new Prediction(0, "a,b/\"quoted\"\nname.jpg", 3, new int[]{3, 1}, new float[]{2f, 1f}),
                new Prediction(1, "plain.jpg", 1, new int[]{1}, new float[]{0.5f}));
        Path file = tmp.resolve("odd.csv");
        PredictionLog.write(file, odd);
        List<Prediction> back = PredictionLog.read(file);
        assertThat(back).extracting(Prediction::name).containsExactly("a,b/\"quoted\"\nname.jpg", "plain.jpg");
        assertThat(back.get(0).top()).containsExactly(3, 1);
    }

    @Test
    void aResumedRunEndsWithTheSameNumbersAsAnUninterruptedOne() throws Exception {
        Path root = TinyImages.classFolders(tmp.resolve("data"), 5, 4);
        Dataset d = Dataset.open(root, null, null);
        Evaluator.Outcome full = evaluator(3, false).run(d.samples(), null, List.of(), new Collected(),
                new Evaluator.Listener() { });
        Collected partial = new Collected();
        evaluator(3, false).run(d.limit(7).samples(), null, List.of(), partial, new Evaluator.Listener() { });
        assertThat(partial.predictions).hasSize(7);
        Collected rest = new Collected();
        Evaluator.Outcome resumed = evaluator(3, false).run(d.samples(), null, partial.predictions, rest,
                new Evaluator.Listener() { });
        assertThat(resumed.evaluated()).isEqualTo(13);
        assertThat(rest.predictions).hasSize(13);
        assertThat(resumed.accuracy().count()).isEqualTo(20);
        assertThat(resumed.accuracy().top1()).isEqualTo(full.accuracy().top1());
        assertThat(resumed.accuracy().top5()).isEqualTo(full.accuracy().top5());
    }
}
