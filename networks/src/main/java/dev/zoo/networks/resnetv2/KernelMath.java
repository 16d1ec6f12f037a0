package dev.zoo.networks.resnetv2;

/**
 * Weight standardisation and layout change of convolution kernels, in plain Java at load time: BiT standardises each
 * output channel's kernel to zero mean and unit (biased) variance; doing it once gives the same output as doing it at
 * every call.
 */
public final class KernelMath {

    private KernelMath() {
    }

    /**
     * HWIO (TensorFlow layout, as stored by BiT) to OIHW (PyTorch layout), standardised per output channel:
     * {@code (w - mean) / sqrt(var + eps)} with the biased variance.
     */
    public static float[] standardizedOihw(float[] hwio, int h, int w, int in, int out, double eps) {
        int perOut = h * w * in;
        float[] oihw = new float[hwio.length];
        for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int k = 0; k < perOut; k++) {
                sum += hwio[k * out + o];
            }
            double mean = sum / perOut;
            double sq = 0;
            for (int k = 0; k < perOut; k++) {
                double d = hwio[k * out + o] - mean;
                sq += d * d;
            }
            double scale = 1.0 / Math.sqrt(sq / perOut + eps);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int i = 0; i < in; i++) {
                        int src = ((y * w + x) * in + i) * out + o;
                        int dst = ((o * in + i) * h + y) * w + x;
                        oihw[dst] = (float) ((hwio[src] - mean) * scale);
                    }
                }
            }
        }
        return oihw;
    }
}
