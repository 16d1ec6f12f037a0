package dev.zoo.evaluator.eval;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;

/** Recognises libtorch's out-of-memory errors (CUDA's and the CPU allocator's) and gives the cached memory back. */
final class OutOfMemory {

    private OutOfMemory() {
    }

    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("out of memory") || m.contains("can't allocate memory")
                    || m.contains("not enough memory")) {
                return true;
            }
        }
        return false;
    }

    /** Frees the CUDA caching allocator's unused blocks, so that the smaller retry finds room. */
    static void release(Device device) {
        if (device.isGpu()) {
            JniUtils.emptyCudaCache();
        }
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
