package dev.zoo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.evaluator.data.Dataset;
import dev.zoo.evaluator.data.ImageNetValidation;
import dev.zoo.evaluator.data.LabelFile;
import dev.zoo.evaluator.data.Sample;
import dev.zoo.metadata.KnownDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Zoo can tell about a folder: ImageNet-1k validation (whole or part) only with its names and ground truth,
 * ImageNetV2 by its numbered folders and name, anything else a folder; numbered class folders map numerically.
 */
class DatasetIdentityTest {

    @TempDir
    Path tmp;

    @Test
    void anEmptyFolderOrOneWithoutImagesIsSaidAsSuch() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Dataset.open(empty, null, null))
                .hasMessage("the data folder " + empty + " is empty");
        Files.writeString(empty.resolve("README.txt"), "images go here");
        assertThatThrownBy(() -> Dataset.open(empty, null, null)).hasMessage(empty + " holds no images (.JPEG, "
                + ".jpg, .png, .bmp, .gif) and no class folders, only 1 other file(s), e.g. README.txt");
    }

    @Test
    void theFullValidationSetIsRecognisedInAFlatLayoutAndALimitMakesItPartial() throws Exception {
        Path flat = Files.createDirectories(tmp.resolve("val"));
        for (int n = 1; n <= ImageNetValidation.IMAGES; n++) {
            Files.createFile(flat.resolve(LabelFile.valName(n)));   // only names and labels matter here
        }
        Files.copy(LabelFileTest.resource("ILSVRC2012_validation_ground_truth.txt"),
                flat.resolve("ILSVRC2012_validation_ground_truth.txt"));
        Dataset d = Dataset.open(flat, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.IMAGENET);
        assertThat(d.identity().images()).isEqualTo(50_000);
        assertThat(d.whole()).isTrue();
        Dataset five = d.limit(5);
        assertThat(five.whole()).isFalse();
        assertThat(five.identity().kind()).isEqualTo(KnownDataset.IMAGENET);
        assertThat(five.selection()).isEqualTo("first 5");
        assertThat(Dataset.open(flat, null, KnownDataset.IMAGENET).identity().kind()).isEqualTo(KnownDataset.IMAGENET);
    }

    @Test
    void wnidFoldersAreImageNetOnlyWithTheGroundTruthLabels() throws Exception {
        Path part = tmp.resolve("part");
        // validation images 1 and 2 are n01751748 (65) and n09193705 (970)
        TinyImages.write(part.resolve("n01751748/ILSVRC2012_val_00000001.JPEG"), 20, 20, 1);
        TinyImages.write(part.resolve("n09193705/ILSVRC2012_val_00000002.JPEG"), 20, 20, 2);
        Dataset d = Dataset.open(part, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.IMAGENET);
        assertThat(d.whole()).isFalse();

        Path wrong = tmp.resolve("wrong");
        TinyImages.write(wrong.resolve("n01440764/ILSVRC2012_val_00000001.JPEG"), 20, 20, 1);
        Dataset w = Dataset.open(wrong, null, null);
        assertThat(w.identity().kind()).isEqualTo(KnownDataset.FOLDER);
        assertThat(w.identity().note()).contains("n01440764/ILSVRC2012_val_00000001.JPEG is labelled 0 (n01440764 "
                + "tench) but its ground truth is 65 (n01751748");
        assertThatThrownBy(() -> Dataset.open(wrong, null, KnownDataset.IMAGENET))
                .hasMessageContaining("--dataset imagenet").hasMessageContaining("is not ImageNet-1k validation");

        Path renamed = tmp.resolve("renamed");
        TinyImages.write(renamed.resolve("n01751748/photo.jpg"), 20, 20, 1);
        assertThat(Dataset.open(renamed, null, null).identity().note())
                .contains("is not named like an ImageNet validation image");
        assertThat(Dataset.open(renamed, null, KnownDataset.FOLDER).identity().kind()).isEqualTo(KnownDataset.FOLDER);
    }

    @Test
    void numberedClassFoldersAreTheirClassIndexNotTheirStringOrder() throws Exception {
        Path root = tmp.resolve("numbers");
        for (int c = 0; c <= 12; c++) {
            TinyImages.write(root.resolve(c + "/img.jpg"), 20, 20, c);
        }
        Dataset d = Dataset.open(root, null, null);
        // string order would be 0, 1, 10, 11, 12, 2, ...: folder "10" would be labelled 2
        assertThat(d.samples()).filteredOn(s -> s.name().startsWith("10/")).extracting(Sample::label)
                .containsExactly(10);
        assertThat(d.samples()).filteredOn(s -> s.name().startsWith("2/")).extracting(Sample::label)
                .containsExactly(2);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.FOLDER);
        assertThat(d.identity().note()).contains("numbered class folders");
        assertThat(d.classes().imagenet1k()).isFalse();
    }

    /** ImageNetV2's layout: folders 0 … 999 of ten images each (empty files: only names and counts matter). */
    static Path imageNetV2(Path root) throws Exception {
        for (int c = 0; c < 1000; c++) {
            Path dir = Files.createDirectories(root.resolve(Integer.toString(c)));
            for (int i = 0; i < 10; i++) {
                Files.createFile(dir.resolve(c + "_" + i + ".jpeg"));
            }
        }
        return root;
    }

    @Test
    void imageNetV2IsRecognisedByItsLayoutAndTheVariantByItsNameOrDeclared() throws Exception {
        Path v2 = imageNetV2(tmp.resolve("imagenetv2-matched-frequency-format-val"));
        Dataset d = Dataset.open(v2, null, null);
        assertThat(d.identity().kind()).isEqualTo(KnownDataset.IMAGENETV2_MATCHED_FREQUENCY);
        assertThat(d.identity().images()).isEqualTo(10_000);
        assertThat(d.identity().note()).contains("1,000 numbered class folders of 10 images each",
                "the variant from the folder name");
        assertThat(d.whole()).isTrue();
        assertThat(d.classes().imagenet1k()).isTrue();
        assertThat(d.samples()).filteredOn(s -> s.name().startsWith("10/")).extracting(Sample::label)
                .containsOnly(10);
        assertThat(d.limit(5).whole()).isFalse();

        Path renamed = imageNetV2(tmp.resolve("my-copy"));
        Dataset unnamed = Dataset.open(renamed, null, null);
        assertThat(unnamed.identity().kind()).isEqualTo(KnownDataset.FOLDER);
        assertThat(unnamed.identity().note()).contains("does not say which variant");
        Dataset declared = Dataset.open(renamed, null, KnownDataset.IMAGENETV2_TOP_IMAGES);
        assertThat(declared.identity().kind()).isEqualTo(KnownDataset.IMAGENETV2_TOP_IMAGES);
        assertThat(declared.identity().note()).contains("the variant from --dataset");
    }

    @Test
    void aLookAlikeOfImageNetV2IsRefusedWithWhatDidNotFit() throws Exception {
        // five photos in a folder named like ImageNetV2: never "ImageNetV2, partial: 5 of 10,000"
        Path five = tmp.resolve("imagenetv2-matched-frequency-format-val");
        for (int i = 0; i < 5; i++) {
            TinyImages.write(five.resolve("0/" + i + ".jpeg"), 20, 20, i);
        }
        assertThatThrownBy(() -> Dataset.open(five, null, null))
                .hasMessageContaining("the folder name imagenetv2-matched-frequency-format-val says ImageNetV2 "
                        + "matched-frequency, but")
                .hasMessageContaining("is not laid out as ImageNetV2: it has 1 class folders, ImageNetV2 has 1,000; "
                        + "class folder 0 holds 5 images, ImageNetV2's hold 10");
        Path copy = tmp.resolve("copy");
        for (int i = 0; i < 5; i++) {
            TinyImages.write(copy.resolve("0/" + i + ".jpeg"), 20, 20, i);
        }
        assertThatThrownBy(() -> Dataset.open(copy, null, KnownDataset.IMAGENETV2_TOP_IMAGES))
                .hasMessageStartingWith("--dataset imagenetv2-top-images: ").hasMessageContaining("holds 5 images");
        assertThat(Dataset.open(copy, null, KnownDataset.FOLDER).identity().kind()).isEqualTo(KnownDataset.FOLDER);

        Path named = tmp.resolve("class-names");
        TinyImages.write(named.resolve("cat/a.jpeg"), 20, 20, 1);
        assertThatThrownBy(() -> Dataset.open(named, null, KnownDataset.IMAGENETV2_THRESHOLD_0_7))
                .hasMessageContaining("cannot be ImageNetV2 threshold-0.7");
        Path big = tmp.resolve("imagenetv2-top-images-format-val");
        TinyImages.write(big.resolve("1000/a.jpeg"), 20, 20, 1);
        assertThatThrownBy(() -> Dataset.open(big, null, null)).hasMessageContaining("class folder 1000");
        assertThatThrownBy(() -> Dataset.open(copy, null, KnownDataset.IMAGENET_A))
                .hasMessageContaining("numbered class folders (ImageNetV2's layout)");
    }
}
