package dev.outcrop.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * An error that crosses JVMs keeps its code: Spark serializes a failed task's exception to the driver, where
 * the job's caller branches on the code (a budget refusal is not worth a retry; a throttle may be).
 */
final class OutcropExceptionSerializationTest {

    @Test
    void aSerializedExceptionKeepsItsCodeAndMessage() throws Exception {
        OutcropException original = new OutcropException(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED, "the budget of account 'acct' is used up");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        OutcropException copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (OutcropException) in.readObject();
        }

        assertThat(copy.errorCode()).isEqualTo(OutcropErrorCode.TOKEN_BUDGET_EXHAUSTED.toErrorCode());
        assertThat(copy).hasMessage(original.getMessage());
    }
}
