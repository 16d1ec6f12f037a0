package dev.zoo.evaluator.data;

import dev.zoo.registry.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A labelled validation set in one of the layouts people keep ImageNet in: one folder per class (wnid folders map to
 * the standard index; other names are sorted, as torchvision's ImageFolder does), or a flat folder of images with a
 * label file (the devkit's ground truth, Caffe's val.txt, TensorFlow's synset list or Kaggle's CSV).
 */
public record Dataset(Path root, Layout layout, Path labelFile, List<Sample> samples) {

    public enum Layout { CLASS_FOLDERS, FLAT_WITH_LABELS }

    /** Label files found in a flat folder when {@code --labels} is not given. */
    static final List<String> KNOWN_LABEL_FILES = List.of("ILSVRC2012_validation_ground_truth.txt", "val.txt",
            "LOC_val_solution.csv", "imagenet_2012_validation_synset_labels.txt");

    public Dataset {
        samples = List.copyOf(samples);
    }

    public static Dataset open(Path root, Path labels) throws DatasetException {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("the data folder " + root + " does not exist or is not a folder");
        }
        List<Path> subdirs;
        List<Path> images;
        try (Stream<Path> s = Files.list(root)) {
            List<Path> entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            subdirs = entries.stream().filter(Files::isDirectory).toList();
            images = entries.stream().filter(Dataset::isImage).toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (labels == null && images.isEmpty() && !subdirs.isEmpty()) {
            return classFolders(root, subdirs);
        }
        Path labelFile = labels;
        if (labelFile == null) {
            labelFile = KNOWN_LABEL_FILES.stream().map(root::resolve).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new DatasetException(root + " holds images but no class folders; pass the "
                            + "labels with --labels FILE (ILSVRC2012_validation_ground_truth.txt, val.txt, ...)"));
        }
        if (images.isEmpty()) {
            throw new DatasetException(root + " holds no images (.JPEG, .jpg, .png, .bmp, .gif)");
        }
        Map<String, Integer> byName = LabelFile.read(labelFile);
        List<Sample> samples = new ArrayList<>();
        List<String> unlabelled = new ArrayList<>();
        for (Path img : images) {
            String name = img.getFileName().toString();
            Integer label = byName.get(name);
            if (label == null) {
                unlabelled.add(name);
            } else {
                samples.add(new Sample(img, name, label));
            }
        }
        if (!unlabelled.isEmpty()) {
            throw new DatasetException(labelFile + " has no label for " + unlabelled.size() + " image(s) of " + root
                    + ", e.g. " + String.join(", ", unlabelled.subList(0, Math.min(3, unlabelled.size()))));
        }
        return new Dataset(root, Layout.FLAT_WITH_LABELS, labelFile, samples);
    }

    private static Dataset classFolders(Path root, List<Path> subdirs) throws DatasetException {
        ImageNetClasses imagenet = ImageNetClasses.get();
        boolean wnids = subdirs.stream().allMatch(d -> imagenet.indexOf(d.getFileName().toString()).isPresent());
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < subdirs.size(); i++) {
            Path dir = subdirs.get(i);
            String folder = dir.getFileName().toString();
            int label = wnids ? imagenet.indexOf(folder).orElseThrow() : i;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path img : s.filter(Dataset::isImage).sorted().toList()) {
                    samples.add(new Sample(img, folder + "/" + img.getFileName(), label));
                }
            } catch (IOException e) {
                throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (samples.isEmpty()) {
            throw new DatasetException(root + " has class folders but no images in them");
        }
        return new Dataset(root, Layout.CLASS_FOLDERS, null, samples);
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png")
                || n.endsWith(".bmp") || n.endsWith(".gif"));
    }

    /** The first {@code n} samples in name order. */
    public Dataset limit(int n) {
        return n >= samples.size() ? this : new Dataset(root, layout, labelFile, samples.subList(0, n));
    }

    /** Only the samples listed in {@code file} (one name per line, as in predictions files; '#' starts a comment). */
    public Dataset subset(Path file) throws DatasetException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException("cannot read the subset file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Sample> byName = new HashMap<>();
        samples.forEach(s -> byName.put(s.name(), s));
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!byName.containsKey(name)) {
                throw new DatasetException(file + ":" + (i + 1) + ": '" + name + "' is not an image of " + root);
            }
            wanted.add(name);
        }
        return new Dataset(root, layout, labelFile, samples.stream().filter(s -> wanted.contains(s.name()))
                .sorted(Comparator.comparing(Sample::name)).toList());
    }

    /**
     * Identifies exactly which images with which labels a run saw: sha256 over name, size and label of every sample.
     * Two runs with the same fingerprint are comparable.
     */
    public String fingerprint() throws DatasetException {
        MessageDigest d = Sha256.newDigest();
        for (Sample s : samples) {
            try {
                d.update((s.name() + "\t" + Files.size(s.file()) + "\t" + s.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new DatasetException("cannot read " + s.file() + ": " + e.getMessage(), e);
            }
        }
        return Sha256.hex(d);
    }
}
