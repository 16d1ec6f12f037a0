package dev.zoo.evaluator.eval;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.networks.Classifier;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * {@code --batch auto}: the largest batch, from {@code start} down by halves, whose forward pass fits in the device's
 * memory, tried once on a blank batch before the run (memory does not depend on the pixels). The run then keeps that
 * size, so every image is computed in a fixed batch (and a resumed or sharded run in the same one).
 */
public final class BatchProbe {

    /** timm's default validation batch; a GPU rarely gains beyond it. */
    public static final int GPU_START = 256;
    /** A CPU gains nothing from large batches; it only needs memory for them. */
    public static final int CPU_BATCH = 32;

    private static final System.Logger LOG = System.getLogger(BatchProbe.class.getName());

    private BatchProbe() {
    }

    public static int largest(Classifier net, Recipe recipe, int start) {
        ByteBuffer blank = ByteBuffer.allocateDirect(Math.multiplyExact(start, recipe.planeBytes()));
        Inference.disableGradients();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager(net.device());
             DeviceNormalizer normalizer = new DeviceNormalizer(manager, recipe)) {
            for (int batch = start; batch > 1; batch /= 2) {
                try (NDScope scope = new NDScope()) {
                    net.forward(normalizer.normalize(manager, blank, 0, batch)).toFloatArray();
                    return batch;
                } catch (EngineException e) {
                    if (!OutOfMemory.is(e)) {
                        throw e;
                    }
                    OutOfMemory.release(net.device());
                    LOG.log(Level.INFO, "--batch auto: {0} images do not fit on {1}; trying {2}", batch,
                            net.device(), batch / 2);
                }
            }
            return 1;
        }
    }
}
