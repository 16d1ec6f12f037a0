package dev.zoo.evaluator.data;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A labelled evaluation set in one of the layouts people keep it in, and what Zoo could tell about it.
 *
 * <p>Layouts: one folder per class (wnid folders map to ImageNet-1k's standard index; folders named by numbers, as
 * ImageNetV2's {@code 0} … {@code 999}, are that class index; other names are sorted, as torchvision's ImageFolder
 * does), or a flat folder of images with a label file (the devkit's ground truth, Caffe's val.txt, TensorFlow's synset
 * list or Kaggle's CSV).
 *
 * <p>Identity ({@link Identity}): ImageNet-1k validation when every image carries its ILSVRC2012 validation name and
 * exactly its ground-truth label; an ImageNetV2 variant when the class folders are numbers and the folder (or
 * {@code --dataset}) names the variant; otherwise a folder whose numbers describe that folder only.
 *
 * @param selection how the samples were chosen from the whole set: null for all, "first 5", "subset FILE"
 */
public record Dataset(Path root, Layout layout, Path labelFile, Classes classes, Identity identity, String selection,
                      Path subsetFile, List<Sample> samples) {

    public enum Layout { CLASS_FOLDERS, FLAT_WITH_LABELS }

    /**
     * What the data is: a known dataset, how many images the whole of it has, and (for a folder) why Zoo could not
     * identify it.
     */
    public record Identity(KnownDataset kind, int images, String note) {
    }

    /**
     * How labels are named. ImageNet-1k labelled data (wnid folders, the label files, ImageNetV2) uses the standard
     * index; class folders are named by their folder.
     */
    public record Classes(boolean imagenet1k, Map<Integer, String> folders) {

        public Classes {
            folders = Map.copyOf(folders);
        }

        static final Classes IMAGENET_1K = new Classes(true, Map.of());

        /** "n01440764 tench", or the folder name. */
        public String describe(int label) {
            return imagenet1k ? ImageNetClasses.get().describe(label) : "folder " + folders.getOrDefault(label,
                    "#" + label);
        }

        /** The names a label map may use for a label: its wnid or folder name, and the number itself. */
        List<String> keys(int label) {
            List<String> keys = new ArrayList<>();
            if (imagenet1k && label >= 0 && label < ImageNetClasses.get().size()) {
                keys.add(ImageNetClasses.get().wnid(label));
            } else if (folders.containsKey(label)) {
                keys.add(folders.get(label));
            }
            keys.add(Integer.toString(label));
            return keys;
        }
    }

    /** Label files found in a flat folder when {@code --labels} is not given. */
    static final List<String> KNOWN_LABEL_FILES = List.of("ILSVRC2012_validation_ground_truth.txt", "val.txt",
            "LOC_val_solution.csv", "imagenet_2012_validation_synset_labels.txt");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    public Dataset {
        samples = List.copyOf(samples);
    }

    /** Opens a dataset and identifies it; {@code declared} ({@code --dataset}) is checked, not trusted. */
    public static Dataset open(Path root, Path labels, KnownDataset declared) throws DatasetException {
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
            return classFolders(root, subdirs, declared);
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
                samples.add(new Sample(img, name, label, samples.size()));
            }
        }
        if (!unlabelled.isEmpty()) {
            throw new DatasetException(labelFile + " has no label for " + unlabelled.size() + " image(s) of " + root
                    + ", e.g. " + String.join(", ", unlabelled.subList(0, Math.min(3, unlabelled.size()))));
        }
        Identity identity = identifyImageNetLabelled(root, samples, declared);
        return new Dataset(root, Layout.FLAT_WITH_LABELS, labelFile, Classes.IMAGENET_1K, identity, null, null,
                samples);
    }

    private static Dataset classFolders(Path root, List<Path> subdirs, KnownDataset declared)
            throws DatasetException {
        ImageNetClasses imagenet = ImageNetClasses.get();
        boolean wnids = subdirs.stream().allMatch(d -> imagenet.indexOf(d.getFileName().toString()).isPresent());
        boolean numbers = !wnids && subdirs.stream().allMatch(d -> NUMBER.matcher(d.getFileName().toString())
                .matches());
        Map<Integer, String> folders = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < subdirs.size(); i++) {
            Path dir = subdirs.get(i);
            String folder = dir.getFileName().toString();
            // ImageNetV2 (and timm) name class folders by their index: folder "10" is class 10, not the third in
            // string order
            int label = wnids ? imagenet.indexOf(folder).orElseThrow() : numbers ? Integer.parseInt(folder) : i;
            String before = folders.put(label, folder);
            if (before != null) {
                throw new DatasetException(root + ": the class folders '" + before + "' and '" + folder + "' are both "
                        + "class " + label);
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path img : s.filter(Dataset::isImage).sorted().toList()) {
                    samples.add(new Sample(img, folder + "/" + img.getFileName(), label, samples.size()));
                }
            } catch (IOException e) {
                throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (samples.isEmpty()) {
            throw new DatasetException(root + " has class folders but no images in them");
        }
        if (wnids) {
            return new Dataset(root, Layout.CLASS_FOLDERS, null, Classes.IMAGENET_1K,
                    identifyImageNetLabelled(root, samples, declared), null, null, samples);
        }
        if (numbers) {
            KnownDataset variant = declared != null && isImageNetV2(declared) ? declared : imageNetV2Named(root);
            if (declared == KnownDataset.IMAGENET) {
                throw new DatasetException("--dataset imagenet: " + root + " has numbered class folders (ImageNetV2's "
                        + "layout); ImageNet-1k validation has wnid folders or ILSVRC2012_val_*.JPEG files");
            }
            if (variant != null && declared != KnownDataset.FOLDER) {
                int outside = folders.keySet().stream().filter(l -> l >= ImageNetClasses.get().size()).findFirst()
                        .orElse(-1);
                if (outside >= 0) {
                    throw new DatasetException(root + " looks like " + variant.description() + " but has a class "
                            + "folder " + outside + " (ImageNetV2's are 0 … 999)");
                }
                return new Dataset(root, Layout.CLASS_FOLDERS, null, Classes.IMAGENET_1K,
                        new Identity(variant, variant.images(), null), null, null, samples);
            }
        }
        if (declared != null && declared != KnownDataset.FOLDER) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " cannot be "
                    + declared.description() + (numbers ? "" : ": its class folders are neither wnids nor numbers"));
        }
        String note = numbers ? "numbered class folders (each folder's number is its class); if this is ImageNetV2, "
                + "keep its folder name (imagenetv2-matched-frequency-format-val, ...) or pass --dataset"
                : "class folders named neither by wnid nor by number, labelled in sorted order";
        return new Dataset(root, Layout.CLASS_FOLDERS, null, new Classes(false, folders),
                new Identity(KnownDataset.FOLDER, samples.size(), declared == KnownDataset.FOLDER
                        ? "declared with --dataset folder" : note), null, null, samples);
    }

    /** ImageNet-1k labelled samples are ImageNet-1k validation when they carry its names and ground truth. */
    private static Identity identifyImageNetLabelled(Path root, List<Sample> samples, KnownDataset declared)
            throws DatasetException {
        if (declared == KnownDataset.FOLDER) {
            return new Identity(KnownDataset.FOLDER, samples.size(), "declared with --dataset folder");
        }
        if (declared != null && declared != KnownDataset.IMAGENET) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " is not laid out as "
                    + declared.description() + " (one folder per class named 0 … 999)");
        }
        Optional<String> mismatch = ImageNetValidation.mismatch(samples);
        if (mismatch.isEmpty()) {
            return new Identity(KnownDataset.IMAGENET, ImageNetValidation.IMAGES, null);
        }
        if (declared == KnownDataset.IMAGENET) {
            throw new DatasetException("--dataset imagenet: " + root + " is not ImageNet-1k validation: "
                    + mismatch.get());
        }
        return new Identity(KnownDataset.FOLDER, samples.size(), "ImageNet-1k labels, but not the ImageNet-1k "
                + "validation set: " + mismatch.get());
    }

    private static boolean isImageNetV2(KnownDataset d) {
        return d == KnownDataset.IMAGENETV2_MATCHED_FREQUENCY || d == KnownDataset.IMAGENETV2_THRESHOLD_0_7
                || d == KnownDataset.IMAGENETV2_TOP_IMAGES;
    }

    /** The ImageNetV2 variant its published folder name says ({@code imagenetv2-matched-frequency-format-val}). */
    static KnownDataset imageNetV2Named(Path root) {
        Path name = root.toAbsolutePath().normalize().getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        if (!n.contains("imagenetv2")) {
            return null;
        }
        if (n.contains("matchedfrequency")) {
            return KnownDataset.IMAGENETV2_MATCHED_FREQUENCY;
        }
        if (n.contains("threshold0.7") || n.contains("threshold07")) {
            return KnownDataset.IMAGENETV2_THRESHOLD_0_7;
        }
        return n.contains("topimages") ? KnownDataset.IMAGENETV2_TOP_IMAGES : null;
    }

    /**
     * An image by its name. Not only regular files: a dangling link, a FIFO or a link to a device named like an image
     * is a sample that cannot be read, reported as such, not silently left out.
     */
    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !Files.isDirectory(p) && (n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png")
                || n.endsWith(".bmp") || n.endsWith(".gif"));
    }

    /** Every image of the whole dataset is selected (no --limit or --subset, nothing missing). */
    public boolean whole() {
        return selection == null && samples.size() == identity.images();
    }

    /** The first {@code n} samples in name order. */
    public Dataset limit(int n) {
        if (n >= samples.size()) {
            return this;
        }
        return new Dataset(root, layout, labelFile, classes, identity, "first " + n, subsetFile,
                samples.subList(0, n));
    }

    /**
     * Shard {@code k} of {@code n} (0-based): the k-th of n contiguous slices of the sorted image list, cut at batch
     * boundaries ({@code batch} images each) and balanced in batches (they differ by at most one batch; with more
     * shards than batches some are empty). Every image is so computed in the batch it has in an unsharded run.
     */
    public Dataset shard(int k, int n, int batch) {
        if (n < 1 || k < 0 || k >= n || batch < 1) {
            throw new IllegalArgumentException("shard " + k + "/" + n + ": the index must be 0 … " + (n - 1));
        }
        long batches = (samples.size() + (long) batch - 1) / batch;
        int from = (int) Math.min(samples.size(), k * batches / n * batch);
        int to = (int) Math.min(samples.size(), (k + 1) * batches / n * batch);
        String shard = "shard " + k + "/" + n;
        return new Dataset(root, layout, labelFile, classes, identity, selection == null ? shard
                : selection + ", " + shard, subsetFile, samples.subList(from, to));
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
        return new Dataset(root, layout, labelFile, classes, identity, "subset " + file.getFileName(), file,
                samples.stream().filter(s -> wanted.contains(s.name())).sorted(Comparator.comparing(Sample::name))
                        .toList());
    }

    /** The same images with each label replaced (a label map). */
    public Dataset relabel(Map<Integer, Integer> mapping) {
        return new Dataset(root, layout, labelFile, classes, identity, selection, subsetFile, samples.stream()
                .map(s -> new Sample(s.file(), s.name(), mapping.get(s.label()), s.ordinal())).toList());
    }

    /**
     * Identifies exactly which images with which labels a run saw: sha256 over name, size and label of every sample.
     * Two runs with the same fingerprint are comparable.
     */
    public String fingerprint() throws DatasetException {
        MessageDigest d = Sha256.newDigest();
        for (Sample s : samples) {
            try {
                long size = Files.isRegularFile(s.file()) ? Files.size(s.file()) : -1;   // unreadable: counted
                d.update((s.name() + "\t" + size + "\t" + s.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new DatasetException("cannot read " + s.file() + ": " + e.getMessage(), e);
            }
        }
        return Sha256.hex(d);
    }
}
