package dev.zoo.evaluator.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.zoo.evaluator.image.Recipe;
import java.nio.ByteBuffer;

/**
 * torchvision's {@code ToTensor} and {@code Normalize} on the device, for a batch that arrives as 8-bit CHW planes
 * (a quarter of the bytes of float32): {@code (x.float() / 255 - mean) / std} per channel, in float32, the very
 * operations and order torchvision uses, so the result equals host-side normalisation bit for bit
 * ({@code DeviceNormalizationTest} checks every one of the 768 channel values).
 */
public final class DeviceNormalizer implements AutoCloseable {

    private final NDArray mean;
    private final NDArray std;
    private final int size;

    public DeviceNormalizer(NDManager manager, Recipe recipe) {
        this.size = recipe.imageSize();
        this.mean = manager.create(recipe.mean(), new Shape(1, 3, 1, 1));
        this.std = manager.create(recipe.std(), new Shape(1, 3, 1, 1));
    }

    /**
     * The normalised float32 NCHW batch of images {@code [from, from + n)} of {@code planes} (a direct buffer of
     * 8-bit CHW planes, image after image). The bytes are copied (to the device, or into a float tensor on the CPU)
     * before this returns, so the buffer may be reused at once.
     */
    public NDArray normalize(NDManager manager, ByteBuffer planes, int from, int n) {
        int image = 3 * size * size;
        ByteBuffer batch = planes.duplicate().position(from * image).limit((from + n) * image).slice();
        try (NDArray bytes = manager.create(batch, new Shape(n, 3, size, size), DataType.UINT8)) {
            NDArray x = bytes.toType(DataType.FLOAT32, true);
            return x.divi(255f).subi(mean).divi(std);
        }
    }

    @Override
    public void close() {
        mean.close();
        std.close();
    }
}
