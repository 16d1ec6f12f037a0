package dev.zoo.networks.exported;

import dev.zoo.networks.Classifier;
import dev.zoo.networks.Precision;
import dev.zoo.networks.Runtimes;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.metadata.ModelFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A classifier exported from another framework: a TorchScript archive (scripted or traced) run by DJL's PyTorch
 * engine, or an ONNX graph run by ONNX Runtime. It takes one normalised float32 {@code (N, 3, H, W)} batch and must
 * give one {@code (N, classes)} float32 tensor of logits; its number of classes is read from its output on a blank
 * image when it is loaded (and then checked against the data's labels).
 */
public final class ExportedClassifier implements Classifier {

    private final ModelFormat format;
    private final Path file;
    private final Model model;
    private final ParameterStore parameters;
    private final int classes;
    private final Precision precision;

    private ExportedClassifier(ModelFormat format, Path file, Model model, int classes, Precision precision) {
        this.format = format;
        this.file = file;
        this.model = model;
        this.parameters = new ParameterStore(model.getNDManager(), false);
        this.classes = classes;
        this.precision = precision;
    }

    /**
     * Loads {@code file} on {@code device} and reads its number of classes from a blank {@code imageSize} image.
     * {@code precision} is fp32 or tf32 (the ones an exported model runs in); it is what the run records.
     */
    public static ExportedClassifier load(ModelFormat format, Path file, Device device, int imageSize,
                                          Precision precision) throws LoadException {
        String unavailable = Runtimes.unavailable(format, device);
        if (unavailable != null) {
            throw new LoadException(file + ": " + unavailable, null);
        }
        String engine = Runtimes.engine(format);
        Model model = Model.newInstance(format.label(), device, engine);
        try {
            // options, even none, make DJL's ONNX Runtime model add the CUDA provider for a GPU device; without
            // them it runs on the CPU whatever the device
            model.load(file, null, format == ModelFormat.ONNX ? Map.of() : null);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new LoadException(file + ": not " + format.withArticle() + " model " + engine
                    + " can load: " + firstLine(e), e);
        }
        try (NDManager probe = model.getNDManager().newSubManager()) {
            NDArray blank = probe.zeros(new Shape(1, 3, imageSize, imageSize));
            NDArray out = raw(model, new ParameterStore(probe, false), blank);
            Shape s = out.getShape();
            if (s.dimension() != 2 || s.get(0) != 1 || s.get(1) < 1) {
                throw new LoadException(file + ": the model's output on one " + imageSize + "x" + imageSize
                        + " image has shape " + s + "; Zoo needs (N, classes) logits", null);
            }
            return new ExportedClassifier(format, file, model, Math.toIntExact(s.get(1)), precision);
        } catch (LoadException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new LoadException(file + ": the " + format.description() + " model fails on one " + imageSize
                    + "x" + imageSize + " image: " + firstLine(e), e);
        }
    }

    private static NDArray raw(Model model, ParameterStore parameters, NDArray x) {
        NDList out = model.getBlock().forward(parameters, new NDList(x), false);
        if (out.size() != 1) {
            throw new EngineException("the model gives " + out.size() + " outputs; Zoo needs one (N, classes) "
                    + "tensor of logits");
        }
        return out.singletonOrThrow();
    }

    public ModelFormat format() {
        return format;
    }

    @Override
    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Exported models run in the precision they were saved in; Zoo offers fp32 (and tf32 on a GPU) for them. */
    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray out = raw(model, parameters, x);
        if (out.getDataType() != DataType.FLOAT32) {
            NDArray f = out.toType(DataType.FLOAT32, false);
            out.close();
            out = f;
        }
        Shape s = out.getShape();
        if (s.dimension() != 2 || s.get(0) != x.getShape().get(0) || s.get(1) != classes) {
            throw new EngineException(file + ": the model gives logits of shape " + s + " for " + x.getShape().get(0)
                    + " images; expected (" + x.getShape().get(0) + ", " + classes + ")");
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The file is no model its engine can run, or not one Zoo can evaluate. */
    public static final class LoadException extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
