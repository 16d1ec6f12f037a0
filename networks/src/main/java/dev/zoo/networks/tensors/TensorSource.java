package dev.zoo.networks.tensors;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The named tensors of one weights file, whatever its format (BiT's {@code .npz}, a PyTorch checkpoint, safetensors):
 * their names and shapes known before any data is read, so that a network checks every shape before it costs memory;
 * then the tensors it uses read one at a time, as float32.
 */
public interface TensorSource extends AutoCloseable {

    /** What {@link #readAll} hands over, one tensor at a time. */
    @FunctionalInterface
    interface TensorConsumer {
        void accept(Tensor tensor) throws WeightsFileException;
    }

    Path file();

    /** What the file is and which of its parts was read: "a PyTorch checkpoint (zip; its 'state_dict')". */
    String description();

    /** The tensors' names, in the file's order. */
    List<String> names();

    boolean contains(String name);

    /** A tensor's element type and shape, checked against the bytes the file holds for it; no data is read. */
    TensorInfo info(String name) throws WeightsFileException;

    /** Reads the {@code wanted} tensors as float32 (C order), one at a time, in the file's order. */
    void readAll(Collection<String> wanted, TensorConsumer each) throws WeightsFileException;

    @Override
    void close();
}
