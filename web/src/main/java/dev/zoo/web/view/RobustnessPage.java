package dev.zoo.web.view;

import dev.zoo.metadata.KnownDataset;
import dev.zoo.results.Robustness;
import java.util.List;

/**
 * The zoo's robustness page, a set at a time as timm publishes them: every model with a number on the set, measured
 * best first, with its difference from the set's reference and its change of rank.
 *
 * @param sets     every set of the table, with how many models have a number on it, the current one marked
 * @param scoring  how the set is scored (ImageNet-A and -R: on their 200 classes)
 * @param csvHref  the set's measured numbers as timm's results CSV
 */
public record RobustnessPage(List<SetLink> sets, String set, String description, String reference, String scoring,
                             RobustnessView view, String csvHref) {

    /** A set in the page's navigation. */
    public record SetLink(String label, String href, int models, boolean current) {
    }

    /** The set asked for, or the first with numbers beyond ImageNet-1k (else ImageNet-1k) when none is. */
    public static RobustnessPage of(Robustness table, KnownDataset asked) {
        KnownDataset set = asked != null ? asked : KnownDataset.ROBUSTNESS.stream()
                .filter(d -> d != KnownDataset.IMAGENET && !table.set(d).isEmpty()).findFirst()
                .orElse(KnownDataset.IMAGENET);
        List<SetLink> sets = KnownDataset.ROBUSTNESS.stream().map(d -> new SetLink(d.label(),
                RobustnessView.href(d), table.set(d).size(), d == set)).toList();
        String scoring = switch (set) {
            case IMAGENET_A, IMAGENET_R, IMAGENET_A_CLEAN, IMAGENET_R_CLEAN -> "Scored on its 200 classes: the "
                    + "other 800 logits are left out before top-1/top-5, as timm does.";
            case IMAGENET_REAL -> "The ImageNet-1k validation images with ReaL's labels; images with no label left "
                    + "out.";
            default -> "Scored on all 1,000 ImageNet-1k classes.";
        };
        return new RobustnessPage(sets, set.label(), set.description(), set.reference() == null ? null
                : set.reference().description(), scoring, RobustnessView.of(table.set(set)),
                "/api/results.csv?dataset=" + set.cliName());
    }
}
