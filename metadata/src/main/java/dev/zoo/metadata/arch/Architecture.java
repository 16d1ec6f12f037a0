package dev.zoo.metadata.arch;

/**
 * A network Zoo builds itself, as data: what a card, the linter and the evaluator need to know of it before its
 * weights are read (its family, size, cost and classes). Each family's builder (in the networks module) takes its own
 * architecture type and executes it.
 */
public interface Architecture {

    /** The network class it is, as timm names it ("ResNet", "SENet", "ResNetV2"): which builder runs it. */
    String family();

    /** The network's kind in a few words ("BiT ResNetV2", "ResNet", "legacy SENet"). */
    String title();

    /** One line for cards: the family and what distinguishes this configuration. */
    String describe();

    /** Outputs of its head. */
    int classes();

    /** Exact number of weights (PyTorch's parameters: batch norm's running statistics are not counted). */
    long parameterCount();

    /** Multiply-adds of one forward pass at {@code size} x {@code size} pixels (MACs; FLOPs are about twice). */
    long multiplyAdds(int size);
}
