package dev.zoo.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void lostConnectionsAreRecognisedForARetry() {
        assertThat(Sql.connectionLost(new SQLException("gone", "08006"))).isTrue();
        assertThat(Sql.connectionLost(new SQLException("closed", "90121", 90121))).isTrue();
        assertThat(Sql.connectionLost(new SQLException("wrapped", "HY000",
                new SQLException("broken", "90067", 90067)))).isTrue();
        assertThat(Sql.connectionLost(new SQLException("syntax", "42000", 42000))).isFalse();
    }
}
