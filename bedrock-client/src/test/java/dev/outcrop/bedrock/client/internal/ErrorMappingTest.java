package dev.outcrop.bedrock.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outcrop.core.error.InvocationException;
import dev.outcrop.core.error.OutcropErrorCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

final class ErrorMappingTest {

    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

    @Test
    void retryAfter_delaySeconds() {
        assertThat(ErrorMapping.parseRetryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ErrorMapping.parseRetryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfter_httpDate_isTheTimeUntilThen_andNoWaitOnceItHasPassed() {
        assertThat(ErrorMapping.parseRetryAfter("Wed, 21 Oct 2026 07:29:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ErrorMapping.parseRetryAfter("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfter_unreadable_isNone() {
        assertThat(ErrorMapping.parseRetryAfter("soon", NOW)).isNull();
        assertThat(ErrorMapping.parseRetryAfter("-5", NOW)).isNull();
        assertThat(ErrorMapping.parseRetryAfter("", NOW)).isNull();
        assertThat(ErrorMapping.parseRetryAfter("99999999999999999999", NOW)).isNull();
    }

    @Test
    void retryAfter_isReadOnlyForThrottlingAnd503() {
        assertThat(retryAfterOf("ThrottlingException", 429)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retryAfterOf("ServiceUnavailableException", 503)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retryAfterOf("InternalServerException", 500)).isNull();
        assertThat(retryAfterOf("ValidationException", 400)).isNull();
    }

    private static Duration retryAfterOf(String type, int status) {
        AwsServiceException e = AwsServiceException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(type).errorMessage("m")
                        .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).putHeader("Retry-After", "5").build()).build())
                .build();
        return ((InvocationException) ErrorMapping.map(e, OutcropErrorCode.MODEL_INVOCATION_FAILED)).retryAfter();
    }

    /**
     * An attempt timeout makes the SDK cancel the attempt's CRT stream; when the stream's error wins the race it is all
     * the caller sees, and it is still the timeout (as Netty's "Request cancelled" is).
     */
    @Test
    void map_crtStreamCancelledUnderTheSdk_isTimeout() {
        int streamCancelled = 2095;
        assertThat(software.amazon.awssdk.crt.CRT.awsErrorName(streamCancelled)).isEqualTo("AWS_ERROR_HTTP_STREAM_CANCELLED");
        Throwable failure = software.amazon.awssdk.core.exception.SdkClientException.create("Unable to execute HTTP request",
                new software.amazon.awssdk.crt.http.HttpException(streamCancelled));

        InvocationException e = (InvocationException) ErrorMapping.map(failure, OutcropErrorCode.MODEL_INVOCATION_FAILED);

        assertThat(e.remoteErrorType()).isEqualTo("Timeout");
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("outcrop.bedrock.api-call-timeout");
    }
}
