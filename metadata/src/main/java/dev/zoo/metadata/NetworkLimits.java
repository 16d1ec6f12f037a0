package dev.zoo.metadata;

import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Bounds on a catalogue's {@code Network} block, far above any published ResNetV2 (BiT-L R152x4: units [3, 8, 36, 3],
 * width 4, 936 M weights) and far below what would make Zoo allocate or loop for minutes on a hostile card.
 */
final class NetworkLimits {

    static final int MAX_STAGES = 6;
    static final int MAX_UNITS_PER_STAGE = 100;
    static final int MAX_WIDTH_FACTOR = 16;
    static final int MAX_STEM_WIDTH = 1024;
    static final int MAX_CLASSES = 100_000;
    static final long MAX_PARAMETERS = 4_000_000_000L;

    private NetworkLimits() {
    }

    static boolean checkUnits(NodeReader r, Node node, List<Integer> units) {
        if (units.size() > MAX_STAGES) {
            r.error(node, "Network.Block Units lists " + units.size() + " stages; at most " + MAX_STAGES);
            return false;
        }
        if (units.stream().anyMatch(u -> u > MAX_UNITS_PER_STAGE)) {
            r.error(node, "Network.Block Units " + units + ": at most " + MAX_UNITS_PER_STAGE + " units per stage");
            return false;
        }
        return true;
    }

    static boolean checkSize(NodeReader r, Node node, NetworkSpec spec) {
        if (spec.parameterCount() > MAX_PARAMETERS) {
            r.error(node, String.format(Locale.ROOT, "Network has %,d weights; Zoo evaluates networks of at most %,d",
                    spec.parameterCount(), MAX_PARAMETERS));
            return false;
        }
        return true;
    }
}
