package dev.zoo.evaluator.eval;

/**
 * How fast a run goes, and which side holds it back: {@code overall} images per second of wall time; {@code decode}
 * what the decode workers could deliver if the device never waited (images over their busy time, per worker);
 * {@code device} what the devices could score if images were always ready (images over the forward passes' busy
 * time, per device). The smaller of the two is the bottleneck.
 */
public record Rates(double overall, double decode, double device) {

    public static final Rates NONE = new Rates(0, 0, 0);

    /** "decode" or "device": the side that limits the run. */
    public String bottleneck() {
        return decode < device ? "decode" : "device";
    }
}
