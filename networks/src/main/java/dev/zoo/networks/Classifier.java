package dev.zoo.networks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;

/**
 * A network that maps a batch of normalised images to class scores, on one device: what the evaluator drives,
 * whatever the network is made of.
 */
public interface Classifier extends AutoCloseable {

    Device device();

    /** The number of outputs per image. */
    int classes();

    Precision precision();

    /**
     * Float32 logits {@code (N, classes)} for a normalised float32 NCHW batch on this network's device. The input
     * stays the caller's to close; everything made on the way is closed here.
     */
    NDArray forward(NDArray x);

    @Override
    void close();
}
