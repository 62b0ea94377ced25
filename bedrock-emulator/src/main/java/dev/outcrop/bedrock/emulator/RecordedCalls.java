package dev.outcrop.bedrock.emulator;

import dev.outcrop.bedrock.emulator.internal.http.CallRecord;
import java.util.List;

/** Turns the internal call log's records into the public {@link RecordedCall}s tests read. */
final class RecordedCalls {
    private RecordedCalls() {
    }

    static List<RecordedCall> of(List<CallRecord> records) {
        return records.stream().map(RecordedCalls::of).toList();
    }

    private static RecordedCall of(CallRecord r) {
        return new RecordedCall(r.service(), r.operation(), r.accessKeyId(), r.principalArn(), r.modelId(), r.status(),
                r.errorType(), r.signatureValid(), r.requestBytes(), r.responseBytes(), r.receivedAt(), r.parameters(),
                r.streamCancelled());
    }
}
