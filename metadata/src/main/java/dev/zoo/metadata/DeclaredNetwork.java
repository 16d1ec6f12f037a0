package dev.zoo.metadata;

/**
 * A catalogue's {@code Network} entry: the weights' format and, for BiT's {@code .npz}, the ResNetV2 to build.
 * TorchScript and ONNX files carry their own architecture; their number of classes is read from their output.
 *
 * @param resnet the architecture of an {@code npz} model; null for the other formats
 */
public record DeclaredNetwork(ModelFormat format, NetworkSpec resnet) {

    public DeclaredNetwork {
        if ((format == ModelFormat.NPZ) != (resnet != null)) {
            throw new IllegalArgumentException("a ResNetV2 architecture goes with the npz format, and only with it");
        }
    }

    public static DeclaredNetwork of(NetworkSpec resnet) {
        return new DeclaredNetwork(ModelFormat.NPZ, resnet);
    }
}
