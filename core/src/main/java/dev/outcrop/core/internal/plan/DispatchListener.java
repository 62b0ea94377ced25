package dev.outcrop.core.internal.plan;

/**
 * Told how a statement hands out its rows, for work that groups rows (batched embedding calls): it
 * pauses while the consumer catches up, and ends once every row was handed out.
 */
public interface DispatchListener {

    /** The statement stopped handing out rows for now: send what is waiting, so the rows ahead can finish. */
    void pauseOfDispatch();

    /** Every row was handed out: send what is waiting, and anything later at once. */
    void endOfDispatch();
}
