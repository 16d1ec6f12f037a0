package dev.zoo.registry;

import dev.zoo.core.ZooHome;
import dev.zoo.core.ZooException;
import dev.zoo.metadata.Model;
import java.nio.file.Path;

/**
 * Where a model's weights live in the cache: {@code ZOO_HOME/weights/<model folder>/<file name of the URL>}, the
 * folder being the model ID as a file name ({@link ZooHome#folderName}).
 */
public record CacheLayout(ZooHome home, RegistrySettings settings) {

    static final String PART = ".part";

    public Path weightsFile(Model model) throws ZooException {
        if (model.weights() == null) {
            throw new ZooException(ZooException.Kind.USAGE, model.id() + " has no Weights URL in its catalogue ("
                    + model.pos() + ")");
        }
        return home.modelWeights(model.id()).resolve(Downloader.fileName(settings.resolve(model.weights())));
    }

    /** The partial download of that file, which the next pull resumes. */
    public static Path partial(Path weightsFile) {
        return weightsFile.resolveSibling(weightsFile.getFileName() + PART);
    }
}
