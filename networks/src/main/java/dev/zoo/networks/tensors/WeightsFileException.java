package dev.zoo.networks.tensors;

/**
 * A weights file that cannot be read as what it is (damaged, cut short, crafted, or holding what a state dict does
 * not): the message names the file and the array, entry or offset at fault.
 */
public class WeightsFileException extends Exception {

    public WeightsFileException(String message) {
        super(message);
    }

    public WeightsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
