package io.audiohook.connector.assist;

import java.time.Duration;

/** The ledger without Redis keeps the same rules, on a clock the test moves. */
class LocalConversationLedgerTest extends ConversationLedgerContract {
    private long now = 1_000;
    private LocalConversationLedger ledger = new LocalConversationLedger(TERMS, () -> now);

    @Override
    protected ConversationLedger one() {
        return ledger;
    }

    @Override
    protected ConversationLedger other() {
        return ledger;
    }

    @Override
    protected void pass(Duration time) {
        now += time.toMillis();
    }

    @Override
    protected void clear() {
        ledger = new LocalConversationLedger(TERMS, () -> now);
    }
}
