package dev.zoo.evaluator.data;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
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
 * <p>Identity ({@link Identity}), by what the data holds, never by a name alone: ImageNet-1k validation when every
 * image carries its ILSVRC2012 validation name and exactly its ground-truth label; ImageNet-A or -R when the wnid
 * folders are exactly its 200 classes and it holds all its images; ImageNet-Sketch with all 1,000 wnid folders and its
 * 50,889 images; an ImageNetV2 variant when the folders are its 1,000 numbered classes of 10 images and the folder
 * name (or {@code --dataset}) says which variant; otherwise a folder whose numbers describe that folder only. A set
 * that is declared or named but does not fit is refused with what did not fit.
 *
 * @param selection how the samples were chosen from the whole set: null for all, "first 5", "subset FILE"
 */
public record Dataset(Path root, Layout layout, Path labelFile, Classes classes, Identity identity, String selection,
                      Path subsetFile, List<Sample> samples) {

    public enum Layout { CLASS_FOLDERS, FLAT_WITH_LABELS }

    /**
     * What the data is: a known dataset, how many images the whole of it has, and what identified it (what was and
     * was not checked) or, for a folder, why Zoo could not identify it.
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
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            subdirs = entries.stream().filter(Files::isDirectory).toList();
            images = entries.stream().filter(Dataset::isImage).toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + root + ": " + e.getMessage(), e);
        }
        if (images.isEmpty() && subdirs.isEmpty()) {
            throw new DatasetException(entries.isEmpty() ? "the data folder " + root + " is empty"
                    : root + " holds no images (.JPEG, .jpg, .png, .bmp, .gif) and no class folders, only "
                    + entries.size() + " other file(s), e.g. " + entries.get(0).getFileName());
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
                    identifyWnidFolders(root, folders.keySet(), samples, declared), null, null, samples);
        }
        if (numbers) {
            Identity identity = identifyNumbered(root, folders, samples, declared);
            return new Dataset(root, Layout.CLASS_FOLDERS, null, identity.kind() == KnownDataset.FOLDER
                    ? new Classes(false, folders) : Classes.IMAGENET_1K, identity, null, null, samples);
        }
        if (declared != null && declared != KnownDataset.FOLDER) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " cannot be "
                    + declared.description() + ": its class folders are neither wnids nor numbers");
        }
        return new Dataset(root, Layout.CLASS_FOLDERS, null, new Classes(false, folders),
                new Identity(KnownDataset.FOLDER, samples.size(), declared == KnownDataset.FOLDER
                        ? "declared with --dataset folder"
                        : "class folders named neither by wnid nor by number, labelled in sorted order"), null, null,
                samples);
    }

    /**
     * Wnid class folders: ImageNet-1k validation when every image is one with its ground truth; ImageNet-A or -R when
     * the folders are exactly its 200 classes and it holds all its images; ImageNet-Sketch with all 1,000 classes and
     * its 50,889 images. A declared set that does not fit is refused with what did not fit.
     */
    private static Identity identifyWnidFolders(Path root, Set<Integer> classes, List<Sample> samples,
                                                KnownDataset declared) throws DatasetException {
        if (declared == KnownDataset.FOLDER) {
            return new Identity(KnownDataset.FOLDER, samples.size(), "declared with --dataset folder");
        }
        Optional<String> notValidation = ImageNetValidation.mismatch(samples);
        if (notValidation.isEmpty() && (declared == null || declared == KnownDataset.IMAGENET)) {
            return new Identity(KnownDataset.IMAGENET, ImageNetValidation.IMAGES, VALIDATION_CHECKED);
        }
        if (declared == KnownDataset.IMAGENET) {
            throw new DatasetException("--dataset imagenet: " + root + " is not ImageNet-1k validation: "
                    + notValidation.get());
        }
        if (declared != null && !WNID_SETS.contains(declared)) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " is not laid out as "
                    + declared.description() + " (one folder per class named 0 … 999)");
        }
        KnownDataset candidate = declared != null ? declared : WNID_SETS.stream()
                .filter(d -> sameClasses(d, classes)).findFirst().orElse(null);
        if (candidate == null) {
            return new Identity(KnownDataset.FOLDER, samples.size(), notValidation.isPresent()
                    ? "ImageNet-1k labels, but not the ImageNet-1k validation set: " + notValidation.get()
                    : "the ImageNet-1k validation images, declared as " + declared.description());
        }
        Optional<String> misfit = misfit(candidate, classes, samples.size());
        if (misfit.isEmpty()) {
            return new Identity(candidate, candidate.images(), "recognised by its content: " + classText(candidate)
                    + " and its " + String.format(Locale.ROOT, "%,d", candidate.images()) + " images; the images "
                    + "themselves are not checked (Zoo ships no digests of them)");
        }
        if (declared != null) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " is not "
                    + declared.description() + ": " + misfit.get() + " (pass --dataset folder to evaluate it as a "
                    + "folder, or --limit/--subset on the whole set for a part of it)");
        }
        return new Identity(KnownDataset.FOLDER, samples.size(), "looks like " + candidate.description() + ", but "
                + misfit.get() + "; a part of a set is evaluated with --limit or --subset on the whole of it");
    }

    /** What ImageNet-1k validation was recognised by: everything there is to check. */
    static final String VALIDATION_CHECKED = "recognised by its content: every image's ILSVRC2012 validation name "
            + "and ground-truth label";

    /** The sets laid out as one folder per wnid (besides ImageNet-1k validation). */
    private static final List<KnownDataset> WNID_SETS = List.of(KnownDataset.IMAGENET_A, KnownDataset.IMAGENET_R,
            KnownDataset.IMAGENET_SKETCH);

    /**
     * The classes look like {@code d}'s: nine in ten of them shared either way (a copy with a folder lost or added is a
     * look-alike, named as such; another selection of classes is just a folder).
     */
    private static boolean sameClasses(KnownDataset d, Set<Integer> classes) {
        BitSet want = classesOf(d);
        BitSet shared = bits(classes);
        shared.and(want);
        return shared.cardinality() * 10 >= want.cardinality() * 9 && shared.cardinality() * 10 >= classes.size() * 9;
    }

    /** Why {@code d} is not these class folders with this many images, or empty when it fits. */
    private static Optional<String> misfit(KnownDataset d, Set<Integer> classes, int images) {
        BitSet want = classesOf(d);
        BitSet have = bits(classes);
        BitSet missing = (BitSet) want.clone();
        missing.andNot(have);
        BitSet extra = (BitSet) have.clone();
        extra.andNot(want);
        List<String> why = new ArrayList<>();
        if (!missing.isEmpty()) {
            why.add(missing.cardinality() + " of its class folders are missing (e.g. " + wnids(missing) + ")");
        }
        if (!extra.isEmpty()) {
            why.add(extra.cardinality() + " class folders are not its classes (e.g. " + wnids(extra) + ")");
        }
        if (images != d.images()) {
            why.add(String.format(Locale.ROOT, "it holds %,d images, %s has %,d", images, d.label(), d.images()));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** The classes {@code d} holds: its mask's 200, or all of ImageNet-1k. */
    private static BitSet classesOf(KnownDataset d) {
        return ClassMask.of(d).map(ClassMask::classes).orElseGet(() -> {
            BitSet all = new BitSet();
            all.set(0, ImageNetClasses.get().size());
            return all;
        });
    }

    private static String classText(KnownDataset d) {
        return ClassMask.of(d).map(m -> "its " + m.size() + " class folders (wnids)")
                .orElse("all 1,000 ImageNet-1k class folders (wnids)");
    }

    private static BitSet bits(Set<Integer> classes) {
        BitSet b = new BitSet();
        classes.forEach(c -> {
            if (c >= 0) {
                b.set(c);
            }
        });
        return b;
    }

    private static String wnids(BitSet classes) {
        return classes.stream().limit(3).mapToObj(i -> ImageNetClasses.get().wnid(i))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Numbered class folders: an ImageNetV2 variant when its name (or --dataset) says which and the folders are
     * ImageNetV2's 1,000 classes of 10 images each; a variant named by a folder that does not fit is refused.
     */
    private static Identity identifyNumbered(Path root, Map<Integer, String> folders, List<Sample> samples,
                                             KnownDataset declared) throws DatasetException {
        if (declared == KnownDataset.FOLDER) {
            return new Identity(KnownDataset.FOLDER, samples.size(), "declared with --dataset folder");
        }
        if (declared != null && !isImageNetV2(declared)) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " has numbered class "
                    + "folders (ImageNetV2's layout); " + declared.description() + (declared == KnownDataset.IMAGENET
                    ? " has wnid folders or ILSVRC2012_val_*.JPEG files" : " has one folder per wnid"));
        }
        KnownDataset variant = declared != null ? declared : imageNetV2Named(root);
        Optional<String> misfit = imageNetV2Misfit(folders, samples);
        if (variant != null) {
            if (misfit.isPresent()) {
                throw new DatasetException((declared != null ? "--dataset " + declared.cliName() + ": "
                        : "the folder name " + root.toAbsolutePath().normalize().getFileName() + " says "
                        + variant.description() + ", but ") + root + " is not laid out as ImageNetV2: "
                        + misfit.get() + " (pass --dataset folder to evaluate it as a folder, or --limit/--subset "
                        + "on the whole set for a part of it)");
            }
            return new Identity(variant, variant.images(), "recognised by its layout: 1,000 numbered class folders "
                    + "of 10 images each; the variant from " + (declared != null ? "--dataset" : "the folder name")
                    + " (the three variants cannot be told apart offline)");
        }
        return new Identity(KnownDataset.FOLDER, samples.size(), misfit.isEmpty()
                ? "ImageNetV2's layout (1,000 numbered classes of 10 images), but its name does not say which "
                + "variant: keep its folder name (imagenetv2-matched-frequency-format-val, ...) or pass --dataset"
                : "numbered class folders (each folder's number is its class); if this is ImageNetV2, keep its "
                + "folder name (imagenetv2-matched-frequency-format-val, ...) or pass --dataset");
    }

    /** Why these numbered folders are not ImageNetV2's 1,000 classes of 10 images, or empty when they are. */
    private static Optional<String> imageNetV2Misfit(Map<Integer, String> folders, List<Sample> samples) {
        int classes = ImageNetClasses.get().size();
        List<String> why = new ArrayList<>();
        int outside = folders.keySet().stream().filter(l -> l >= classes).findFirst().orElse(-1);
        if (outside >= 0) {
            why.add("it has a class folder " + outside + " (ImageNetV2's are 0 … 999)");
        }
        if (folders.size() != classes) {
            why.add(String.format(Locale.ROOT, "it has %,d class folders, ImageNetV2 has %,d", folders.size(),
                    classes));
        }
        Map<Integer, Integer> perClass = new HashMap<>();
        samples.forEach(x -> perClass.merge(x.label(), 1, Integer::sum));
        perClass.entrySet().stream().filter(e -> e.getValue() != IMAGENETV2_PER_CLASS).findFirst().ifPresent(e ->
                why.add("class folder " + folders.get(e.getKey()) + " holds " + e.getValue() + " images, ImageNetV2's "
                        + "hold " + IMAGENETV2_PER_CLASS));
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    private static final int IMAGENETV2_PER_CLASS = 10;

    /** ImageNet-1k labelled samples are ImageNet-1k validation when they carry its names and ground truth. */
    private static Identity identifyImageNetLabelled(Path root, List<Sample> samples, KnownDataset declared)
            throws DatasetException {
        if (declared == KnownDataset.FOLDER) {
            return new Identity(KnownDataset.FOLDER, samples.size(), "declared with --dataset folder");
        }
        if (declared != null && declared != KnownDataset.IMAGENET) {
            throw new DatasetException("--dataset " + declared.cliName() + ": " + root + " is not laid out as "
                    + declared.description() + " (a flat folder with a label file is ImageNet-1k validation or a "
                    + "folder)");
        }
        Optional<String> mismatch = ImageNetValidation.mismatch(samples);
        if (mismatch.isEmpty()) {
            return new Identity(KnownDataset.IMAGENET, ImageNetValidation.IMAGES, VALIDATION_CHECKED);
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
        // a bare file name ("ILSVRC2012_val_00000001.JPEG") stands for the one image of that name in any folder
        Map<String, List<String>> byFileName = new HashMap<>();
        samples.forEach(s -> byFileName.computeIfAbsent(s.file().getFileName().toString(), k -> new ArrayList<>())
                .add(s.name()));
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (byName.containsKey(name)) {
                wanted.add(name);
                continue;
            }
            List<String> matches = name.contains("/") ? List.of() : byFileName.getOrDefault(name, List.of());
            if (matches.size() > 1) {
                throw new DatasetException(file + ":" + (i + 1) + ": '" + name + "' names " + matches.size()
                        + " images of " + root + " (" + String.join(", ", matches.subList(0, Math.min(3,
                        matches.size()))) + (matches.size() > 3 ? ", ..." : "") + "); write it with its folder");
            }
            if (matches.isEmpty()) {
                throw new DatasetException(file + ":" + (i + 1) + ": '" + name + "' is not an image of " + root);
            }
            wanted.add(matches.get(0));
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
