package dev.outcrop.bedrock.client.internal.direct;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.SdkHttpResponse;

/** One HTTP answer, whole: its status line and headers, and its body. */
public record Answer(SdkHttpResponse response, byte[] body) {

    public boolean successful() {
        return response.isSuccessful();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
