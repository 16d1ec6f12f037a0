package dev.zoo.evaluator.image;

import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Whether a 3-component JPEG holds YCbCr or RGB, by libjpeg's rules ({@code default_decompose_parms}): a JFIF marker
 * means YCbCr; else an Adobe marker's transform decides (0 = RGB); else component IDs 'R','G','B' mean RGB; else YCbCr.
 */
final class JpegColorSpace {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegColorSpace() {
    }

    static boolean isYCbCr(IIOMetadata metadata) {
        if (metadata == null) {
            return true;
        }
        Node root = metadata.getAsTree(FORMAT);
        if (find(root, "app0JFIF") != null) {
            return true;
        }
        Node adobe = find(root, "app14Adobe");
        if (adobe != null) {
            Node transform = adobe.getAttributes().getNamedItem("transform");
            return transform == null || !transform.getNodeValue().equals("0");
        }
        Node sof = find(root, "sof");
        if (sof != null) {
            StringBuilder ids = new StringBuilder();
            for (Node c = sof.getFirstChild(); c != null; c = c.getNextSibling()) {
                NamedNodeMap a = c.getAttributes();
                Node id = a == null ? null : a.getNamedItem("componentId");
                if (id != null) {
                    ids.append((char) Integer.parseInt(id.getNodeValue()));
                }
            }
            return !ids.toString().equals("RGB");
        }
        return true;
    }

    private static Node find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return node;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node found = find(c, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
