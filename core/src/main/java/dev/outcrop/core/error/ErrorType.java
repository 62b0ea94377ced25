package dev.outcrop.core.error;

/** Who is to blame for an error; the HTTP server maps each to a status in one place. */
public enum ErrorType {
    /** The caller's input is wrong: fix the statement or the arguments. */
    USER_ERROR,
    /** A service outside Outcrop (Bedrock, STS, the catalog's database) failed or refused. */
    EXTERNAL,
    /** A limit was reached: a budget, a quota, a throttle. Retry later or raise the limit. */
    INSUFFICIENT_RESOURCES,
    /** A bug in Outcrop. */
    INTERNAL_ERROR,
    /**
     * The deployment lacks something a statement needs (its own AWS credentials, say): neither the caller's input
     * nor an outage, but the operator's configuration, which the message names.
     */
    DEPLOYMENT
}
