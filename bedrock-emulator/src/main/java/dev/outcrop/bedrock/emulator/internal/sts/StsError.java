package dev.outcrop.bedrock.emulator.internal.sts;

/** An awsQuery error: code, HTTP status, and whether the sender or the service is at fault. */
public final class StsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;
    private final boolean sender;

    public StsError(String code, int status, String message) {
        this(code, status, message, true);
    }

    public StsError(String code, int status, String message, boolean sender) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.sender = sender;
    }

    public static StsError validation(String message) {
        return new StsError("ValidationError", 400, message);
    }

    public static StsError accessDenied(String callerArn, String roleArn) {
        return new StsError("AccessDenied", 403, "User: " + callerArn
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean sender() {
        return sender;
    }
}
