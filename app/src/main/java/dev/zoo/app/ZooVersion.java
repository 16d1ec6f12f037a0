package dev.zoo.app;

import dev.zoo.core.Versions;
import picocli.CommandLine.IVersionProvider;

public class ZooVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"zoo " + Versions.zoo(), "Java " + System.getProperty("java.version")};
    }
}
