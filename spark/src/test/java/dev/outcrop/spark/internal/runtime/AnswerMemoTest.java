package dev.outcrop.spark.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-query memo of answers: what it shares, what it forgets, and its bounds. */
final class AnswerMemoTest {

    static final AiCallSpec QUERY = new AiCallSpec(AiFunction.AI_QUERY, "bedrock_keys", false, null, null);
    static final AiCallSpec QUERY_OR_NULL = new AiCallSpec(AiFunction.AI_QUERY, "bedrock_keys", true, null, null);

    final AtomicLong now = new AtomicLong();
    final AnswerMemo memo = new AnswerMemo(10_000, 1_000, now::get, false);

    static AnswerKey key(String prompt) {
        return AnswerKey.of(QUERY, "amazon.nova-micro-v1:0", prompt);
    }

    @Test
    void aCallInFlight_andThenItsAnswer_areSharedWithinTheQuery_whateverNullOnErrorSays() {
        AnswerMemo.Query query = memo.join("q1");
        AnswerMemo.Claim first = memo.claim(query, key("hello"));
        AnswerMemo.Claim whileInFlight = memo.claim(query, AnswerKey.of(QUERY_OR_NULL, "amazon.nova-micro-v1:0", "hello"));

        assertThat(first.owner()).isTrue();
        assertThat(whileInFlight.owner()).isFalse();
        assertThat(whileInFlight.entry().answer()).isNotDone();
        memo.answered(query, key("hello"), first.entry(), "hi");

        assertThat(whileInFlight.entry().answer()).isCompletedWithValue("hi");
        AnswerMemo.Claim later = memo.claim(query, key("hello"));
        assertThat(later.owner()).isFalse();
        assertThat(later.entry().answer()).isCompletedWithValue("hi");
        assertThat(memo.claim(query, key("hello again")).owner()).as("another request").isTrue();
    }

    @Test
    void queries_doNotShare() {
        AnswerMemo.Query one = memo.join("q1");
        AnswerMemo.Query two = memo.join("q2");
        AnswerMemo.Claim claim = memo.claim(one, key("hello"));
        memo.answered(one, key("hello"), claim.entry(), "hi");

        assertThat(memo.claim(two, key("hello")).owner()).isTrue();
    }

    @Test
    void aNullAnswer_whichNullOnErrorGivesForAFailure_reachesTheWaitingRows_butIsNotRemembered() {
        AnswerMemo.Query query = memo.join("q1");
        AnswerMemo.Claim owner = memo.claim(query, key("hello"));
        AnswerMemo.Claim waiting = memo.claim(query, key("hello"));

        memo.answered(query, key("hello"), owner.entry(), null);

        assertThat(waiting.entry().answer()).isCompletedWithValue(null);
        assertThat(memo.claim(query, key("hello")).owner()).as("a later row calls again").isTrue();
        assertThat(memo.bytes()).isZero();
    }

    @Test
    void aFailedOrCancelledCall_failsTheWaitingRows_andIsNotRemembered_butACancelLeavesAnAnswerInPlace() {
        AnswerMemo.Query query = memo.join("q1");
        AnswerMemo.Claim owner = memo.claim(query, key("hello"));
        AnswerMemo.Claim waiting = memo.claim(query, key("hello"));

        memo.failed(query, key("hello"), owner.entry(), new CancellationException("task killed"));

        assertThat(waiting.entry().answer()).isCompletedExceptionally();
        AnswerMemo.Claim again = memo.claim(query, key("hello"));
        assertThat(again.owner()).isTrue();
        memo.answered(query, key("hello"), again.entry(), "hi");
        // The owner's task ends after its answer came: cancelling its calls must not take the answer away.
        memo.failed(query, key("hello"), again.entry(), new CancellationException("task ended"));
        assertThat(memo.claim(query, key("hello")).entry().answer()).isCompletedWithValue("hi");
    }

    @Test
    void answers_stayWithinTheByteBound_leastRecentlyUsedGoFirst() {
        AnswerMemo.Query query = memo.join("q1");
        String answer = "x".repeat(1_000);  // about 2 kB with its key: the 10 kB bound holds four
        for (int i = 0; i < 20; i++) {
            AnswerMemo.Claim claim = memo.claim(query, key("request " + i));
            memo.answered(query, key("request " + i), claim.entry(), answer);
            if (i >= 1) {
                memo.claim(query, key("request 0"));  // used again and again: stays
            }
            assertThat(memo.bytes()).isLessThanOrEqualTo(10_000);
        }

        assertThat(memo.size("q1")).isBetween(2, 5);
        assertThat(memo.claim(query, key("request 0")).owner()).as("the most used").isFalse();
        assertThat(memo.claim(query, key("request 19")).owner()).as("the newest").isFalse();
        assertThat(memo.claim(query, key("request 1")).owner()).as("an old one").isTrue();
    }

    @Test
    void aQuerysAnswers_areDropped_onceItHasHadNoTaskForTheIdleTime() {
        AnswerMemo.Query query = memo.join("q1");
        AnswerMemo.Claim claim = memo.claim(query, key("hello"));
        memo.answered(query, key("hello"), claim.entry(), "hi");
        AnswerMemo.Query secondTask = memo.join("q1");
        memo.leave(query);

        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        memo.sweep();
        assertThat(memo.size("q1")).as("a task of the query still runs").isEqualTo(1);

        memo.leave(secondTask);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        memo.sweep();
        assertThat(memo.size("q1")).as("not idle long enough").isEqualTo(1);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        memo.sweep();
        assertThat(memo.size("q1")).isZero();
        assertThat(memo.bytes()).isZero();
    }

    @Test
    void aBoundOfZero_sharesOnlyCallsInFlight() {
        AnswerMemo none = new AnswerMemo(0, 1_000, now::get, false);
        AnswerMemo.Query query = none.join("q1");
        AnswerMemo.Claim owner = none.claim(query, key("hello"));
        AnswerMemo.Claim waiting = none.claim(query, key("hello"));

        none.answered(query, key("hello"), owner.entry(), "hi");

        assertThat(waiting.entry().answer()).isCompletedWithValue("hi");
        assertThat(none.claim(query, key("hello")).owner()).isTrue();
    }
}
