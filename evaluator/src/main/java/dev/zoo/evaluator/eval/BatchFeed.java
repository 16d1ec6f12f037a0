package dev.zoo.evaluator.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.evaluator.image.Recipe;
import dev.zoo.evaluator.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How a decoded image travels from a decode worker to the network: what the worker writes into the batch's host
 * buffer, and how the forward thread turns that buffer into the normalised float32 NCHW tensor. Both ways give the
 * same tensor bit for bit ({@code DeviceNormalizationTest}).
 */
public sealed interface BatchFeed permits BatchFeed.Planes, BatchFeed.HostFloats {

    /** Bytes one image takes in a host buffer. */
    int imageBytes();

    /** Writes image {@code index} of a batch into {@code buffer}; {@code scratch} is the worker's own plane buffer. */
    void write(RgbImage decoded, ByteBuffer buffer, int index, byte[] scratch);

    /** The recipe the images are resized, cropped and normalised by. */
    Recipe recipe();

    /** The normalised tensor of images {@code [from, from + n)} of the buffer, on the manager's device. */
    NDArray tensor(NDManager manager, ByteBuffer buffer, int from, int n);

    /**
     * For a GPU, 8-bit planes: a quarter of the bytes over the bus, ToTensor and Normalize on the device. For a CPU,
     * where the engine would do on the forward thread what decode workers can do beside it, float32 normalised on
     * the host, handed to libtorch without a copy.
     */
    static BatchFeed forDevice(Device device, Recipe recipe) {
        return device.isGpu() ? new Planes(recipe) : new HostFloats(recipe);
    }

    /** 8-bit CHW planes; the device normalises. */
    record Planes(Recipe recipe) implements BatchFeed {
        @Override
        public int imageBytes() {
            return recipe.planeBytes();
        }

        @Override
        public void write(RgbImage decoded, ByteBuffer buffer, int index, byte[] scratch) {
            recipe.toPlanes(decoded, scratch, 0);
            buffer.put(index * scratch.length, scratch, 0, scratch.length);
        }

        @Override
        public NDArray tensor(NDManager manager, ByteBuffer buffer, int from, int n) {
            try (DeviceNormalizer normalizer = new DeviceNormalizer(manager, recipe)) {   // two 3-value tensors
                return normalizer.normalize(manager, buffer, from, n);
            }
        }
    }

    /** Normalised float32 CHW, made on the host with the same float32 operations. */
    record HostFloats(Recipe recipe) implements BatchFeed {
        @Override
        public int imageBytes() {
            return 4 * recipe.planeBytes();
        }

        @Override
        public void write(RgbImage decoded, ByteBuffer buffer, int index, byte[] scratch) {
            float[] floats = FLOATS.get();
            if (floats.length != recipe.planeBytes()) {
                floats = new float[recipe.planeBytes()];
                FLOATS.set(floats);
            }
            recipe.toTensor(decoded, floats, 0);   // resize, crop and normalise in one pass
            buffer.order(ByteOrder.nativeOrder()).asFloatBuffer().put(index * floats.length, floats);
        }

        /** One image's floats per decode thread, reused from image to image. */
        private static final ThreadLocal<float[]> FLOATS = ThreadLocal.withInitial(() -> new float[0]);

        @Override
        public NDArray tensor(NDManager manager, ByteBuffer buffer, int from, int n) {
            int image = imageBytes();
            ByteBuffer batch = buffer.duplicate().order(ByteOrder.nativeOrder()).position(from * image)
                    .limit((from + n) * image).slice().order(ByteOrder.nativeOrder());
            // on a CPU libtorch wraps the direct buffer: the batch stays in it until the forward pass is done
            return manager.create(batch, new Shape(n, 3, recipe.imageSize(), recipe.imageSize()), DataType.FLOAT32);
        }
    }
}
