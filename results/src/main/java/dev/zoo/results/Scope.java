package dev.zoo.results;

import dev.zoo.metadata.KnownDataset;
import java.util.Locale;
import java.util.Optional;

/**
 * What a run's numbers are about: which data (its identity), which part of it, and how much of that was scored. A run
 * is {@code complete} only when every image of the whole dataset was scored and none skipped; only complete runs on an
 * identified dataset stand beside a claim.
 *
 * @param dataset       the data's identity: a {@link KnownDataset} label ("ImageNet", "ImageNetV2 matched-frequency")
 *                      or "Folder" for data Zoo could not identify
 * @param dataPath      the folder that was read
 * @param fingerprint   sha256 over the name, size and label of every selected image: equal fingerprints, same images
 * @param selection     how the images were chosen from the dataset: null for all of them, else e.g. "first 5" or
 *                      "subset val-100.txt"
 * @param subset        the --subset file, or null
 * @param datasetImages images the whole dataset has (50,000 for ImageNet; what the folder holds for a Folder); null for
 *                      runs recorded before Zoo tracked scope
 * @param images        images selected for this run
 * @param scored        images scored (so far, while the run is going)
 * @param skipped       images refused as unreadable (as PIL refuses them) and not scored
 * @param complete      every image of the whole dataset was scored, none skipped
 * @param identification what identified the data (what was and was not checked) or why Zoo could not; null for
 *                      uploads and runs from before Zoo recorded it
 */
public record Scope(String dataset, String dataPath, String fingerprint, String selection, String subset,
                    Integer datasetImages, Integer images, Integer scored, Integer skipped, boolean complete,
                    String identification) {

    public static final String FOLDER = KnownDataset.FOLDER.label();

    /** A scope that does not say how its data was identified (uploads, tests). */
    public Scope(String dataset, String dataPath, String fingerprint, String selection, String subset,
                 Integer datasetImages, Integer images, Integer scored, Integer skipped, boolean complete) {
        this(dataset, dataPath, fingerprint, selection, subset, datasetImages, images, scored, skipped, complete,
                null);
    }

    public Scope {
        dataset = dataset == null ? FOLDER : KnownDataset.canonical(dataset);
    }

    /** The identified dataset, or empty for a folder Zoo could not identify. */
    public Optional<KnownDataset> known() {
        return KnownDataset.named(dataset);
    }

    /** The same scope after the run: how many images were scored and skipped, and whether that makes it complete. */
    public Scope finished(int scoredImages, int skippedImages) {
        boolean all = selection == null && datasetImages != null && images != null && images.equals(datasetImages)
                && skippedImages == 0 && scoredImages == images;
        return new Scope(dataset, dataPath, fingerprint, selection, subset, datasetImages, images, scoredImages,
                skippedImages, all, identification);
    }

    /** For people: "ImageNet-1k validation, complete (50,000 images)", "a folder of 30 images, partial: 5 scored". */
    public String label() {
        String what = known().map(KnownDataset::description).orElse(null);
        if (datasetImages == null) {
            return (what == null ? "a folder" : what) + ", scope not recorded (a run from before Zoo recorded it)";
        }
        String head = what == null ? "a folder of " + count(datasetImages) + " images" : what;
        int done = scored == null ? 0 : scored;
        if (complete) {
            return what == null ? head + ", complete" : head + ", complete (" + count(datasetImages) + " images)";
        }
        StringBuilder sb = new StringBuilder(head).append(", partial: ").append(count(done)).append(" of ")
                .append(count(datasetImages)).append(" images scored");
        if (skipped != null && skipped > 0) {
            sb.append(", ").append(count(skipped)).append(" unreadable skipped");
        }
        if (selection != null) {
            sb.append(" (").append(selection).append(')');
        }
        return sb.toString();
    }

    /** Before scoring: what was selected ("ImageNet-1k validation, 5 of 50,000 images (first 5)"). */
    public String plannedLabel() {
        String what = known().map(KnownDataset::description).orElse(null);
        int all = datasetImages == null ? 0 : datasetImages;
        int chosen = images == null ? 0 : images;
        String head = what == null ? "a folder of " + count(all) + " images" : what;
        if (chosen == all && selection == null) {
            return what == null ? head : head + ", all " + count(all) + " images";
        }
        return head + ", " + count(chosen) + (what == null ? " selected" : " of " + count(all) + " images")
                + (selection == null ? "" : " (" + selection + ")");
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
