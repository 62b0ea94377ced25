package dev.outcrop.core.internal.dispatch;


/** How a call that held a slot ended, for the adaptive limit of its location and model. */
public enum CallOutcome {
    /** Answered: the limit may grow. */
    SUCCEEDED,
    /** Throttled by the service: the limit shrinks. */
    THROTTLED,
    /** Failed otherwise, or cancelled: the limit stays. */
    ENDED
}
