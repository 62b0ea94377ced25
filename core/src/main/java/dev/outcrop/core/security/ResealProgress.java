package dev.outcrop.core.security;

import java.util.List;

/**
 * How far a re-seal ({@code Outcrop.resealLocations}) has come: reported as it goes and returned at the end.
 *
 * @param primaryKeyId the key every location is being sealed with
 * @param examined locations looked at so far, in every account
 * @param resealed locations re-sealed by this run
 * @param alreadyCurrent locations already sealed with the primary key (by an earlier run, or by a concurrent ALTER)
 * @param changedMeanwhile locations dropped, renamed or changed by other statements while this run reached them; left as they made them
 * @param unreadable locations this server cannot unseal, as {@code account.location (key 'id')}; they keep their old sealing
 * @param stillOnOtherKeys once done: how many locations a final look found sealed with another key than the primary
 *                         (the unreadable ones, those renamed meanwhile, those created meanwhile by a server whose
 *                         primary is another key); 0 while running
 * @param done whether the run has finished
 */
public record ResealProgress(String primaryKeyId, long examined, long resealed, long alreadyCurrent, long changedMeanwhile,
                             List<String> unreadable, long stillOnOtherKeys, boolean done) {

    public ResealProgress {
        unreadable = List.copyOf(unreadable);
    }

    /** Whether every location is now sealed with the primary key, so that the older keys may be removed. */
    public boolean complete() {
        return done && stillOnOtherKeys == 0;
    }

    /** One line for an operator. */
    public String summary() {
        String counts = resealed + " of " + examined + " locations re-sealed with key '" + primaryKeyId + "', " + alreadyCurrent
                + " already sealed with it, " + changedMeanwhile + " changed by other statements meanwhile, " + unreadable.size() + " unreadable"
                + (unreadable.isEmpty() ? "" : " " + unreadable);
        if (!done) {
            return "re-sealing: " + counts;
        }
        return "done: " + counts + (complete() ? "; every location is sealed with '" + primaryKeyId + "', so the other keys may be removed"
                : "; " + stillOnOtherKeys + " locations are still sealed with other keys: keep those keys, fix what is unreadable, and run again");
    }
}
