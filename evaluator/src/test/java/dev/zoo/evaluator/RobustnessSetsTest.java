package dev.zoo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.data.ClassMask;
import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.ImageNetClasses;
import dev.zoo.evaluator.eval.Accuracy;
import dev.zoo.evaluator.eval.Scoring;
import dev.zoo.metadata.KnownDataset;
import dev.zoo.results.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageNet-Sketch, -A and -R: recognised by their class folders and image counts (synthetic copies of their layouts,
 * empty files: only names and counts matter), look-alikes refused or left a folder with what did not fit; the
 * 200-class mask, and the clean counterparts an ImageNet-1k run scores beside, against hand-computed values.
 */
class RobustnessSetsTest {

    @TempDir
    Path tmp;

    /** {@code images} empty image files spread over these classes' wnid folders, as evenly as they go. */
    static Path layout(Path root, BitSet classes, int images) throws Exception {
        int n = classes.cardinality();
        int i = 0;
        for (int c = classes.nextSetBit(0); c >= 0; c = classes.nextSetBit(c + 1), i++) {
            Path dir = Files.createDirectories(root.resolve(ImageNetClasses.get().wnid(c)));
            int here = images / n + (i < images % n ? 1 : 0);
            for (int k = 0; k < here; k++) {
                Files.createFile(dir.resolve(c + "_" + k + ".jpg"));
            }
        }
        return root;
    }

    static BitSet mask(KnownDataset d) {
        return ClassMask.of(d).orElseThrow().classes();
    }

    static BitSet all() {
        BitSet b = new BitSet();
        b.set(0, 1000);
        return b;
    }

    @Test
    void imageNetAIsItsTwoHundredClassesAndAllItsImages() throws Exception {
        Path a = layout(tmp.resolve("whatever-name"), mask(KnownDataset.IMAGENET_A), 7_500);
        Dataset d = Dataset.open(a, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.IMAGENET_A);
        assertThat(d.identity().note()).isEqualTo("recognised by its content: its 200 class folders (wnids) and its "
                + "7,500 images; the images themselves are not checked (Zoo ships no digests of them)");
        assertThat(d.whole()).isTrue();
        assertThat(Dataset.open(a, null, KnownDataset.IMAGENET_A).identity().kind())
                .isEqualTo(KnownDataset.IMAGENET_A);
        assertThatThrownBy(() -> Dataset.open(a, null, KnownDataset.IMAGENET_R))
                .hasMessageStartingWith("--dataset imagenet-r: " + a + " is not ImageNet-R (200 classes): ")
                .hasMessageContaining("of its class folders are missing")
                .hasMessageContaining("it holds 7,500 images, ImageNet-R has 30,000");
    }

    @Test
    void aLookAlikeOfImageNetAIsAFolderOrRefusedWhenDeclared() throws Exception {
        BitSet fewer = mask(KnownDataset.IMAGENET_A);
        int dropped = fewer.nextSetBit(0);
        fewer.clear(dropped);
        Path a = layout(tmp.resolve("imagenet-a"), fewer, 7_463);
        Dataset d = Dataset.open(a, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.FOLDER);
        assertThat(d.identity().note()).isEqualTo("looks like ImageNet-A (200 classes), but 1 of its class folders "
                + "are missing (e.g. " + ImageNetClasses.get().wnid(dropped) + "); it holds 7,463 images, ImageNet-A "
                + "has 7,500; a part of a set is evaluated with --limit or --subset on the whole of it");
        assertThatThrownBy(() -> Dataset.open(a, null, KnownDataset.IMAGENET_A))
                .hasMessageContaining("--dataset imagenet-a: ").hasMessageContaining("1 of its class folders are "
                        + "missing").hasMessageContaining("pass --dataset folder");
    }

    @Test
    void imageNetRIsItsOwnTwoHundredClasses() throws Exception {
        Path r = layout(tmp.resolve("r"), mask(KnownDataset.IMAGENET_R), 30_000);
        assertThat(Dataset.open(r, null, null).identity().kind()).isEqualTo(KnownDataset.IMAGENET_R);
        Path short1 = layout(tmp.resolve("r-short"), mask(KnownDataset.IMAGENET_R), 29_999);
        assertThat(Dataset.open(short1, null, null).identity().note())
                .contains("it holds 29,999 images, ImageNet-R has 30,000");
    }

    @Test
    void sketchIsAllThousandClassesAndItsImages() throws Exception {
        Path sketch = layout(tmp.resolve("sketch"), all(), 50_889);
        Dataset d = Dataset.open(sketch, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.IMAGENET_SKETCH);
        assertThat(d.identity().note()).startsWith("recognised by its content: all 1,000 ImageNet-1k class folders");
        Path fifty = layout(tmp.resolve("train-sample"), all(), 50_000);
        assertThat(Dataset.open(fifty, null, null).identity().note())
                .contains("it holds 50,000 images, ImageNet-Sketch has 50,889");
        assertThatThrownBy(() -> Dataset.open(fifty, null, KnownDataset.IMAGENET_SKETCH))
                .hasMessageStartingWith("--dataset imagenet-sketch: ");
    }

    /** A row of 1,000 logits: {@code best} highest, then {@code next}, the rest lower, each distinct. */
    static float[] logits(int best, int... next) {
        float[] row = new float[1000];
        for (int c = 0; c < 1000; c++) {
            row[c] = -c / 1000f;
        }
        row[best] = 10;
        for (int i = 0; i < next.length; i++) {
            row[next[i]] = 9 - i;
        }
        return row;
    }

    @Test
    void theMaskLetsAClassOfTheSetWinWhereTheBestLogitLiesOutsideIt() {
        ClassMask a = ClassMask.of(KnownDataset.IMAGENET_A).orElseThrow();
        assertThat(a.size()).isEqualTo(200);
        assertThat(a.contains(0)).isFalse();   // tench is not one of ImageNet-A's classes
        assertThat(a.contains(6)).isTrue();    // n01498041 stingray is
        Scoring scoring = Scoring.of(KnownDataset.IMAGENET_A);
        // the network's best guess is class 0, outside the set; class 6 comes second
        Prediction p = scoring.predict(logits(0, 6), 0, 1000, 0, "x.jpg", 6);
        assertThat(p.top()[0]).isEqualTo(6);
        assertThat(java.util.Arrays.stream(p.top()).allMatch(a::contains)).isTrue();
        assertThat(p.top1Correct()).isTrue();
        assertThat(p.confidence()).isGreaterThan(0.7f);   // softmax over the 200 classes only
        Prediction unmasked = Scoring.PLAIN.predict(logits(0, 6), 0, 1000, 0, "x.jpg", 6);
        assertThat(unmasked.top1Correct()).isFalse();
        assertThat(Scoring.of(KnownDataset.IMAGENET_SKETCH).mask()).isNull();
    }

    @Test
    void anImageNetRunScoresTheCleanCounterpartsOfItsImages() {
        Scoring imagenet = Scoring.of(KnownDataset.IMAGENET);
        assertThat(imagenet.clean()).isTrue();
        Accuracy acc = new Accuracy();
        // label 15 (in A, not in R): best guess 0 (in neither), then 15 -> A clean right at top-1
        imagenet.tally(acc, imagenet.predict(logits(0, 15), 0, 1000, 0, "a.jpg", 15), null);
        // label 1 (in R, not in A): best guess 2 (in R), then 1 -> R clean wrong at top-1, right at top-5
        assertThat(ClassMask.of(KnownDataset.IMAGENET_R).orElseThrow().contains(1)).isTrue();
        assertThat(ClassMask.of(KnownDataset.IMAGENET_R).orElseThrow().contains(2)).isTrue();
        imagenet.tally(acc, imagenet.predict(logits(2, 1), 0, 1000, 1, "b.jpg", 1), null);
        // label 0 (in neither): not counted on either counterpart
        imagenet.tally(acc, imagenet.predict(logits(0), 0, 1000, 2, "c.jpg", 0), null);
        assertThat(acc.count()).isEqualTo(3);
        assertThat(acc.top1()).isEqualTo(100.0 / 3);
        assertThat(acc.cleanCount(0)).isEqualTo(1);
        assertThat(acc.cleanTop1(0)).isEqualTo(100.0);
        assertThat(acc.cleanCount(1)).isEqualTo(1);
        assertThat(acc.cleanTop1(1)).isEqualTo(0.0);
        assertThat(acc.cleanTop5(1)).isEqualTo(100.0);
    }

    @Test
    void predictionsStoredWithoutCleanHitsAreScoredFromTheirTopFiveWhereItDecides() {
        ClassMask a = ClassMask.of(KnownDataset.IMAGENET_A).orElseThrow();
        int in1 = 15;    // ImageNet-A's, not ImageNet-R's: only the A counterpart counts it
        int in2 = 17;
        int out1 = 0;
        int out2 = 3;
        assertThat(a.contains(in1) && a.contains(in2) && !a.contains(out1) && !a.contains(out2)).isTrue();
        Scoring imagenet = Scoring.of(KnownDataset.IMAGENET);
        Accuracy acc = new Accuracy();
        // label in the top-5 with only outside classes above it: right at top-1 and top-5 once masked
        imagenet.tally(acc, new Prediction(0, "a", in1, new int[]{out1, out2, in1, 5, 7}, new float[5]), null);
        // a class of the set above the label: wrong at top-1, right at top-5
        imagenet.tally(acc, new Prediction(1, "b", in1, new int[]{in2, in1, out1, 5, 7}, new float[5]), null);
        // the label outside the top-5 and no class of the set in it: the stored top-5 cannot tell
        imagenet.tally(acc, new Prediction(2, "c", in1, new int[]{out1, out2, 5, 7, 10}, new float[5]), null);
        assertThat(acc.cleanCount(0)).isEqualTo(2);
        assertThat(acc.cleanTop1(0)).isEqualTo(50.0);
        assertThat(acc.cleanTop5(0)).isEqualTo(100.0);
        assertThat(acc.cleanUndecided(0)).isEqualTo(1);
        assertThat(EvalJob.cleanNotes(acc)).singleElement().asString()
                .startsWith("ImageNet-A clean left out: 1 of its images were predicted before Zoo scored it");
        // stored bits win over the top-5
        Accuracy bits = new Accuracy();
        imagenet.tally(bits, new Prediction(0, "c", in1, new int[]{out1, out2, 5, 7, 10}, new float[5], 0.5f,
                Prediction.cleanBits(0, true, true)), null);
        assertThat(bits.cleanTop1(0)).isEqualTo(100.0);
        assertThat(bits.cleanUndecided(0)).isZero();
    }

    @Test
    void derivedSetsNameWhatTheirDifferenceIsTakenFrom() {
        assertThat(KnownDataset.IMAGENET_A.reference()).isEqualTo(KnownDataset.IMAGENET_A_CLEAN);
        assertThat(KnownDataset.IMAGENET_R.reference()).isEqualTo(KnownDataset.IMAGENET_R_CLEAN);
        assertThat(KnownDataset.IMAGENET_SKETCH.reference()).isEqualTo(KnownDataset.IMAGENET);
        assertThat(KnownDataset.IMAGENET_A_CLEAN.derived()).isTrue();
        assertThat(KnownDataset.named("ImageNet-A-clean")).contains(KnownDataset.IMAGENET_A_CLEAN);
        assertThat(KnownDataset.named("imagenet_sketch")).contains(KnownDataset.IMAGENET_SKETCH);
        assertThat(KnownDataset.fromCli("imagenet-a-clean")).contains(KnownDataset.IMAGENET_A_CLEAN);
        assertThat(List.of(KnownDataset.values())).filteredOn(KnownDataset::identified)
                .allMatch(d -> d.timmFile().startsWith("results-"));
    }
}
