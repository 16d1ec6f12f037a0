package dev.zoo.evaluator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.zoo.core.ZooException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --device} on a machine without a GPU (as CI is): the CPU by default, GPUs refused with the reason. */
class DevicesTest {

    @Test
    void cpuByDefaultAndGpusRefusedWithoutOne() throws Exception {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (gpus == 0) {
            assertThat(Devices.parse(null)).containsExactly(Device.cpu());
            assertThatThrownBy(() -> Devices.parse("gpu")).isInstanceOf(ZooException.class)
                    .hasMessageContaining("DJL sees no GPU").extracting(e -> ((ZooException) e).kind())
                    .isEqualTo(ZooException.Kind.USAGE);
        }
        assertThat(Devices.parse(" CPU ")).containsExactly(Device.cpu());
        assertThat(Devices.describe(List.of(Device.cpu()))).isEqualTo("cpu");
        assertThatThrownBy(() -> Devices.parse("tpu")).hasMessageContaining("--device must be cpu, gpu or gpu:0,1");
    }
}
